/** Every name the catalogs define, and the words their enum parameters take: what semantic tokens mark as library. */
import { catalogKinds, catalogOf } from '../docs.ts';

export const catalogNames: ReadonlySet<string> = new Set(catalogKinds.flatMap((k) => Object.keys(catalogOf(k))));

export const enumWords: ReadonlySet<string> = new Set([
  'true',
  'false',
  'all',
  'head',
  'layers',
  ...catalogKinds.flatMap((k) =>
    Object.values(catalogOf(k)).flatMap((e) => e.params.flatMap((p) => (p.type.kind === 'enum' ? [...p.type.values] : []))),
  ),
]);
