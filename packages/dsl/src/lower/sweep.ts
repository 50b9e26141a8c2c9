/**
 * Lowers `sweep grid (...)` / `sweep zip (...)`: each key maps to the CellSpec path it overrides. Plain keys are
 * cell fields (below); dotted keys are an arm's intervention or trigger parameters (sweep-arm.ts).
 */
import type { SweepAst } from '../ast.ts';
import { activations, initSchemes, lossKinds } from '../catalog/models.ts';
import { positive, positiveInt, type ParamType } from '../catalog/schema.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { ArmSpec, JsonValue, OptimizerSpec, StreamItem, SweepAxis, SweepSpec } from '../ir.ts';
import { suggestion } from '../suggest.ts';
import { convertValue, type LowerContext } from './args.ts';
import { resolveArmKey, type ArmTarget } from './sweep-arm.ts';

interface SweepKey {
  path: string[];
  type: ParamType;
  /** Optimiser kinds the key exists for; absent = any. */
  optimizers?: readonly OptimizerSpec['kind'][];
}

const beta: ParamType = { kind: 'number', min: 0, max: 1, maxOpen: true };

/** The sweepable keys. The seed axis is deliberately absent: seeds pair arms, they are never a treatment. */
export const sweepKeys: Readonly<Record<string, SweepKey>> = {
  lr: { path: ['optimizer', 'lr'], type: positive },
  momentum: { path: ['optimizer', 'momentum'], type: beta, optimizers: ['momentum'] },
  nesterov: { path: ['optimizer', 'nesterov'], type: { kind: 'boolean' }, optimizers: ['momentum'] },
  beta1: { path: ['optimizer', 'beta1'], type: beta, optimizers: ['adam'] },
  beta2: { path: ['optimizer', 'beta2'], type: beta, optimizers: ['adam'] },
  eps: { path: ['optimizer', 'eps'], type: positive, optimizers: ['adam'] },
  batch: { path: ['batch'], type: positiveInt },
  hidden: { path: ['model', 'hidden'], type: { kind: 'int_list', min: 1 } },
  activation: { path: ['model', 'activation'], type: { kind: 'enum', values: activations } },
  init: { path: ['model', 'init'], type: { kind: 'enum', values: initSchemes } },
  layer_norm: { path: ['model', 'layerNorm'], type: { kind: 'boolean' } },
  train: { path: ['data', 'train'], type: positiveInt },
  test: { path: ['data', 'test'], type: positiveInt },
  loss: { path: ['loss'], type: { kind: 'enum', values: lossKinds } },
};

/**
 * Points a sweep may have at all (an error beyond it). From 10,000 points on `plas plan` says so and `plas run`
 * asks for `--yes` (packages/cli/src/limits.ts).
 */
export const MAX_POINTS = 100_000;

/** The arms a sweep may reach into: as lowered, and every name as written (an arm that failed to lower is skipped quietly). */
export interface SweepArms {
  arms: readonly ArmSpec[];
  declared: readonly string[];
  /** The stream as lowered, null when part of it failed to: an `ARM.at` value must fall within it. */
  stream: readonly StreamItem[] | null;
}

export function lowerSweep(s: SweepAst, optimizer: OptimizerSpec | null, ctx: LowerContext, arms: SweepArms = { arms: [], declared: [], stream: null }): SweepSpec | null {
  if (s.mode.name !== 'grid' && s.mode.name !== 'zip') {
    ctx.diags.push(diagnosticAt(s.mode.span, 'unknown-name', `unknown sweep kind \`${s.mode.name}\`: grid (product) or zip (paired lists)`, suggestion(s.mode.name, ['grid', 'zip'])));
    return null;
  }
  const axes: SweepAxis[] = [];
  let ok = true;
  for (const arg of s.args) {
    if (!arg.key) {
      ctx.diags.push(diagnosticAt(arg.span, 'type-mismatch', 'a sweep axis is `key: [values]`, e.g. `lr: [1e-3, 1e-4]`'));
      ok = false;
      continue;
    }
    const key = arg.key.name;
    if (key === 'seeds' || key === 'seed') {
      ctx.diags.push(diagnosticAt(arg.key.span, 'sweep-seeds', 'seeds cannot be swept: every arm and sweep point runs on all seeds; set `seeds` instead'));
      ok = false;
      continue;
    }
    // Only a valid axis is kept, so a key already kept is a second, valid spelling of the same axis.
    if (axes.some((a) => a.key === key)) {
      ctx.diags.push(diagnosticAt(arg.key.span, 'duplicate-name', `\`${key}\` is swept twice`));
      ok = false;
      continue;
    }
    if (key.includes('.')) {
      const target = resolveArmKey(arg, arms.arms, arms.declared, arms.stream, ctx);
      if (target === 'skip' || target === null) {
        ok = false;
        continue;
      }
      const values = axisValues(arg.value, key, target.type, target.subject, ctx);
      if (values === null) ok = false;
      else axes.push(armAxis(key, target, values));
      continue;
    }
    const spec = sweepKeys[key];
    if (!spec) {
      ctx.diags.push(diagnosticAt(arg.key.span, 'unknown-param', `\`${key}\` cannot be swept`, suggestion(key, Object.keys(sweepKeys))));
      ok = false;
      continue;
    }
    if (spec.optimizers && optimizer && !spec.optimizers.includes(optimizer.kind)) {
      ctx.diags.push(diagnosticAt(arg.key.span, 'unknown-param', `\`${key}\` does not exist for optimizer \`${optimizer.kind}\``));
      ok = false;
      continue;
    }
    const values = axisValues(arg.value, key, spec.type, `a value of sweep axis \`${key}\``, ctx);
    if (values === null) ok = false;
    else axes.push({ key, path: [...spec.path], values });
  }
  if (!ok) return null;
  if (axes.length === 0) {
    ctx.diags.push(diagnosticAt(s.span, 'sweep-mismatch', 'a sweep needs at least one axis'));
    return null;
  }
  if (s.mode.name === 'zip' && new Set(axes.map((a) => a.values.length)).size > 1) {
    ctx.diags.push(diagnosticAt(s.span, 'sweep-mismatch', `zip needs lists of equal length; got ${axes.map((a) => `${a.key}: ${a.values.length}`).join(', ')}`));
    return null;
  }
  const points = s.mode.name === 'zip' ? axes[0]!.values.length : axes.reduce((n, a) => n * a.values.length, 1);
  if (points > MAX_POINTS) {
    ctx.diags.push(diagnosticAt(s.span, 'out-of-range', `the sweep has ${points} points; the limit is ${MAX_POINTS}`));
    return null;
  }
  return { kind: s.mode.name, axes };
}

/** The axis's list, each value checked against `type` (the diagnostic at the value, in the resolver's words). */
function axisValues(v: SweepAst['args'][number]['value'], key: string, type: ParamType, subject: string, ctx: LowerContext): JsonValue[] | null {
  if (v.kind !== 'list' || v.items.length === 0) {
    ctx.diags.push(diagnosticAt(v.span, 'sweep-mismatch', `the values of \`${key}\` must be a non-empty list`));
    return null;
  }
  const values: JsonValue[] = [];
  let ok = true;
  for (const item of v.items) {
    const x = convertValue(type, item, subject, ctx);
    if (x === undefined) ok = false;
    else values.push(x as JsonValue);
  }
  return ok ? values : null;
}

function armAxis(key: string, target: ArmTarget, values: JsonValue[]): SweepAxis {
  const [path, ...more] = target.paths;
  return { key, path: [...path!], values, arm: target.arm, ...(more.length > 0 ? { alsoPaths: more.map((p) => [...p]) } : {}) };
}
