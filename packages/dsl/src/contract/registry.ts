/**
 * Implementations registered against catalog entries, in the spirit of tfjs's kernel registry: each registration
 * names an entry that must exist, a name is registered once (twice throws), and `unimplemented()` lists the
 * entries nobody registered, so a test can fail on a missing or an extra implementation.
 */
import type { CatalogEntry } from '../catalog/schema.ts';

export interface Registered<E extends CatalogEntry, I> {
  entry: E;
  impl: I;
}

export class Registry<E extends CatalogEntry, I> {
  private readonly items = new Map<string, Registered<E, I>>();

  /** `what` names the kind in messages ('intervention', 'metric', 'data source'). */
  constructor(
    readonly what: string,
    private readonly catalog: Readonly<Record<string, E>>,
  ) {}

  register(name: string, impl: I): void {
    if (!Object.hasOwn(this.catalog, name)) {
      throw new Error(`cannot register ${this.what} '${name}': the catalog has no such entry (add it to the catalog first)`);
    }
    if (this.items.has(name)) throw new Error(`${this.what} '${name}' is registered twice`);
    this.items.set(name, { entry: this.catalog[name]!, impl });
  }

  get(name: string): Registered<E, I> | undefined {
    return this.items.get(name);
  }

  /** Registered names in catalog order, whatever order they were registered in. */
  names(): string[] {
    return Object.keys(this.catalog).filter((name) => this.items.has(name));
  }

  /** Catalog entries without an implementation (filtered by `applies`, e.g. metrics the training loop computes). */
  unimplemented(applies: (entry: E) => boolean = () => true): string[] {
    return Object.values(this.catalog)
      .filter((e) => applies(e) && !this.items.has(e.name))
      .map((e) => e.name);
  }
}
