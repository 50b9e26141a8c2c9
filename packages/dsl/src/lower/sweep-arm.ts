/**
 * Sweep axes over an arm's intervention and trigger parameters: `ARM.PARAM`, `ARM.INTERVENTION.PARAM`,
 * `ARM.every` / `ARM.INTERVENTION.every` for the N of an `every N steps|epochs:` trigger, and `ARM.at` /
 * `ARM.INTERVENTION.at` for the N of an `at step|epoch N:` trigger. The axis overrides that value in the cells of
 * that arm only; the other arms run unchanged at every point (each point keeps its paired baseline). A parameter is
 * sweepable when it is a number and the arm's IR holds it (a default counts; an unset `set` key does not). Values
 * are checked against the catalog entry with the resolver's words, at the value (an `at` point also against the
 * stream's length, when its durations give it).
 */
import type { Arg } from '../ast.ts';
import { interventionCatalog, interventionEntry } from '../catalog/interventions.ts';
import { nonNegativeInt, positiveInt, type ParamSchema, type ParamType } from '../catalog/schema.ts';
import { words } from '../contract/words.ts';
import { diagnosticAt } from '../diagnostics.ts';
import { streamLength } from '../contract/triggers.ts';
import type { ArmSpec, InterventionSpec, StreamItem, Trigger } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import type { LowerContext } from './args.ts';

/** Where an arm axis writes: the paths in a CellSpec (several when one trigger clause holds several interventions). */
export interface ArmTarget {
  arm: string;
  paths: (string | number)[][];
  type: ParamType;
  /** For messages: "`shrink` of intervention `shrink_perturb`". */
  subject: string;
}

/** The word that names a trigger's count in a sweep key: `every` for `every N ...:`, `at` for `at epoch N:`. */
export const TRIGGER_KEYS = { every: 'every', at_point: 'at' } as const;

/** A sweepable value of an arm: an intervention's parameter, or the N of a trigger clause (shared by its interventions). */
type Candidate = { param: string; interventions: string[]; target: Omit<ArmTarget, 'arm'> };

function numericParam(spec: InterventionSpec, name: string): ParamSchema | undefined {
  const entry = interventionEntry(spec.name);
  const schema = (entry?.params as readonly ParamSchema[] | undefined)?.find((p) => p.name === name);
  if (!schema || schema.type.kind !== 'number') return undefined;
  return typeof spec.params[schema.irKey ?? schema.name] === 'number' ? schema : undefined;
}

type CountedTrigger = Extract<Trigger, { kind: 'every' | 'at_point' }>;

function sameTrigger(a: Trigger, b: CountedTrigger): boolean {
  return a.kind === b.kind && a.n === b.n && a.unit === b.unit;
}

/** The N of a counted trigger: its range and words. `at` points reach at most the stream's end, when that is known. */
function countTarget(t: CountedTrigger, stream: readonly StreamItem[] | null): Pick<ArmTarget, 'type' | 'subject'> {
  if (t.kind === 'every') return { type: positiveInt, subject: `the N of \`every N ${t.unit}\`` };
  const length = stream === null ? null : streamLength(stream, t.unit);
  const word = t.unit === 'steps' ? 'step' : 'epoch';
  if (length === null) return { type: nonNegativeInt, subject: `the N of \`at ${word} N\`` };
  return { type: { ...nonNegativeInt, max: length }, subject: `the N of \`at ${word} N\` (the stream trains ${length} ${t.unit})` };
}

/** Every sweepable parameter of an arm, by its short name. */
function candidates(arm: ArmSpec, stream: readonly StreamItem[] | null): Candidate[] {
  const out: Candidate[] = [];
  arm.interventions.forEach((spec, index) => {
    const entry = interventionEntry(spec.name);
    for (const p of (entry?.params ?? []) as readonly ParamSchema[]) {
      if (numericParam(spec, p.name)) {
        const what = `intervention \`${spec.name}\``;
        out.push({ param: p.name, interventions: [spec.name], target: { paths: [['interventions', index, 'params', p.irKey ?? p.name]], type: p.type, subject: words.subject(p.name, what) } });
      }
    }
    const t = spec.trigger;
    if (t.kind === 'every' || t.kind === 'at_point') {
      // one clause `every 2 epochs: a, b` gives a and b equal triggers: sweeping its N moves them together
      const same = arm.interventions.flatMap((s, i) => (sameTrigger(s.trigger, t) ? [i] : []));
      if (same[0] !== index) return;
      out.push({
        param: TRIGGER_KEYS[t.kind],
        interventions: same.map((i) => arm.interventions[i]!.name),
        target: { paths: same.map((i) => ['interventions', i, 'trigger', 'n']), ...countTarget(t, stream) },
      });
    }
  });
  return out;
}

function keyOf(arm: string, c: Candidate, qualified: boolean): string {
  return qualified ? `${arm}.${c.interventions[0]}.${c.param}` : `${arm}.${c.param}`;
}

/** The sweep keys an arm offers (for did-you-mean and messages). */
export function armSweepKeys(arm: ArmSpec, stream: readonly StreamItem[] | null = null): string[] {
  const all = candidates(arm, stream);
  return all.map((c) => keyOf(arm.name, c, all.filter((d) => d.param === c.param).length > 1));
}

/**
 * Resolves a dotted sweep key against the arms; pushes a diagnostic at the key and returns null when it names
 * nothing sweepable. `declaredArms` are the arm names as written (an arm that failed to lower gives no diagnostic).
 */
export function resolveArmKey(arg: Arg, arms: readonly ArmSpec[], declaredArms: readonly string[], stream: readonly StreamItem[] | null, ctx: LowerContext): ArmTarget | null | 'skip' {
  const key = arg.key!;
  const parts = key.name.split('.');
  const armName = parts[0]!;
  const arm = arms.find((a) => a.name === armName);
  if (!arm) {
    if (declaredArms.includes(armName)) return 'skip';
    ctx.diags.push(diagnosticAt(key.span, 'unknown-param', `\`${key.name}\` cannot be swept: there is no arm \`${armName}\` (a dotted key is ARM.PARAM or ARM.INTERVENTION.PARAM)`, suggestion(armName, declaredArms)));
    return null;
  }
  const all = candidates(arm, stream);
  const offered = armSweepKeys(arm, stream);
  const fail = (message: string): null => {
    ctx.diags.push(diagnosticAt(key.span, 'unknown-param', message, suggestion(key.name, offered)));
    return null;
  };
  const list = offered.length ? ` (it has ${offered.join(', ')})` : ' (it has no numeric intervention or trigger parameter)';
  if (parts.length === 2) {
    const found = all.filter((c) => c.param === parts[1]);
    if (found.length === 1) return { arm: arm.name, ...found[0]!.target };
    if (found.length > 1) {
      const names = found.map((c) => c.interventions[0]!);
      if (new Set(names).size < names.length) return fail(`\`${key.name}\` is ambiguous: arm \`${arm.name}\` has it ${found.length} times, in the same intervention; a sweep cannot tell them apart: write one arm per variant`);
      return fail(`\`${key.name}\` is ambiguous: arm \`${arm.name}\` has it in ${names.map((n) => `\`${n}\``).join(' and ')}; write ${found.map((c) => `\`${keyOf(arm.name, c, true)}\``).join(' or ')}`);
    }
    return fail(`arm \`${arm.name}\` has no sweepable parameter \`${parts[1]}\`${list}`);
  }
  if (parts.length === 3) {
    const [, ivName, param] = parts as [string, string, string];
    if (!arm.interventions.some((s) => s.name === ivName)) {
      const known = interventionEntry(ivName) ? '' : ` (interventions: ${Object.keys(interventionCatalog).join(', ')})`;
      return fail(`arm \`${arm.name}\` has no intervention \`${ivName}\`${known}`);
    }
    const found = all.filter((c) => c.interventions.includes(ivName) && c.param === param);
    if (found.length === 1) return { arm: arm.name, ...found[0]!.target };
    if (found.length > 1) return fail(`arm \`${arm.name}\` has \`${ivName}\` ${found.length} times: \`${key.name}\` could be any of them; write one arm per variant`);
    return fail(`\`${ivName}\` of arm \`${arm.name}\` has no sweepable parameter \`${param}\`${list}`);
  }
  return fail(`\`${key.name}\` cannot be swept: a dotted key is ARM.PARAM or ARM.INTERVENTION.PARAM`);
}
