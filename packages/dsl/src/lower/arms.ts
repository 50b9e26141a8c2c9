/** Lowers `baseline`/`arm` declarations: triggers and interventions (surface forms → catalog names). */
import type { ArmAst, InterventionAst, TriggerAst } from '../ast.ts';
import { interventionCatalog, interventionEntry } from '../catalog/interventions.ts';
import { diagnosticAt } from '../diagnostics.ts';
import type { ArmSpec, InterventionSpec, ParamValue, Trigger } from '../ir.ts';
import type { ParamSchema } from '../catalog/schema.ts';
import { suggestion } from '../suggest.ts';
import { convertLayers, convertValue, noteSpan, resolveArgs, type LowerContext, type Resolved } from './args.ts';
import { sourceSpan } from './spans.ts';
import { countOf, unitOf } from './units.ts';

export interface ArmContext extends LowerContext {
  /** The names of the stream's repeats as written (also those whose lowering failed), to resolve `at each task`. */
  repeatNames: string[];
}

export function lowerTrigger(t: TriggerAst, ctx: ArmContext): Trigger | null {
  if (t.kind === 'at') {
    const trig: Trigger = { kind: 'at', phase: t.phase.name };
    noteSpan(ctx, trig, 'phase', t.phase.span);
    return trig;
  }
  if (t.kind === 'each') {
    if (t.what.name === 'phase') {
      if (t.of) {
        ctx.diags.push(diagnosticAt(t.of.span, 'syntax', '`at each phase` takes no `of NAME`'));
        return null;
      }
      return { kind: 'each_task', phase: null };
    }
    if (t.what.name !== 'task') {
      ctx.diags.push(diagnosticAt(t.what.span, 'unknown-name', `\`at each ${t.what.name}\`: expected \`at each task\` or \`at each phase\``, suggestion(t.what.name, ['task', 'phase'])));
      return null;
    }
    if (t.of) {
      const trig: Trigger = { kind: 'each_task', phase: t.of.name };
      noteSpan(ctx, trig, 'phase', t.of.span);
      return trig;
    }
    const repeats = ctx.repeatNames;
    if (repeats.length !== 1) {
      ctx.diags.push(
        diagnosticAt(
          t.span,
          'ambiguous-task',
          repeats.length === 0
            ? '`at each task` needs a `repeat N tasks` in the stream'
            : `\`at each task\` is ambiguous: the stream has ${repeats.length} repeats; write \`at each task of NAME\``,
        ),
      );
      return null;
    }
    return { kind: 'each_task', phase: repeats[0]! };
  }
  if (t.kind === 'point') {
    const unit = unitOf(t.unit, ['steps', 'epochs'] as const, 'an `at N` trigger', ctx);
    if (!unit) return null;
    // N's rules (a non-negative integer within the stream) are the contract's, checked in validate/references.ts
    const trig: Trigger = { kind: 'at_point', n: t.n.value, unit };
    noteSpan(ctx, trig, 'n', t.n.span);
    return trig;
  }
  const unit = unitOf(t.unit, ['steps', 'epochs'] as const, 'an `every` trigger', ctx);
  if (!unit) return null;
  if (t.n === null) return unit === 'steps' ? { kind: 'every_step' } : { kind: 'every', n: 1, unit };
  const n = countOf(t.n, 'the trigger interval', ctx);
  return n === null ? null : { kind: 'every', n, unit };
}

function dropNulls(values: Record<string, Resolved>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null) out[k] = v as ParamValue;
  return out;
}

export function lowerIntervention(iv: InterventionAst, trigger: Trigger, ctx: ArmContext): InterventionSpec | null {
  const span = sourceSpan(iv.span);
  const make = (name: string, params: Record<string, ParamValue>): InterventionSpec => ({ name, params, trigger, span });
  if (iv.kind === 'reset') {
    if (iv.target === 'optimizer') return make('reset_optimizer', {});
    if (iv.args) {
      const r = resolveArgs(interventionCatalog.reset, 'intervention', iv.args, iv.span, ctx);
      return r.ok ? make('reset', dropNulls(r.values)) : null;
    }
    if (iv.target === null) return make('reset', { layers: { kind: 'all' }, optimizer: false, init: 'fresh' });
    const layers =
      'kind' in iv.target
        ? convertLayers(iv.target, 'the layers of `reset`', ctx)
        : convertLayers({ kind: 'name', name: iv.target.name, span: iv.target.span }, 'the layers of `reset`', ctx);
    return layers ? make('reset', { layers, optimizer: false, init: 'fresh' }) : null;
  }
  if (iv.kind === 'set') {
    const schema = interventionCatalog.set_optimizer.params as readonly ParamSchema[];
    const p = schema.find((s) => s.name === iv.key.name);
    if (!p) {
      ctx.diags.push(diagnosticAt(iv.key.span, 'unknown-param', `\`set\` cannot change \`${iv.key.name}\`; it changes optimiser hyper-parameters`, suggestion(iv.key.name, schema.map((s) => s.name))));
      return null;
    }
    const v = convertValue(p.type, iv.value, `\`set ${p.name}\``, ctx);
    return v === undefined || v === null ? null : make('set_optimizer', { [p.name]: v as ParamValue });
  }
  const entry = interventionEntry(iv.call.name.name);
  if (!entry) {
    ctx.diags.push(
      diagnosticAt(iv.call.name.span, 'unknown-name', `unknown intervention \`${iv.call.name.name}\``, suggestion(iv.call.name.name, Object.keys(interventionCatalog))),
    );
    return null;
  }
  const r = resolveArgs(entry, 'intervention', iv.call.args, iv.call.span, ctx);
  if (!r.ok) return null;
  if (entry.name === 'set_optimizer' && Object.values(r.values).every((v) => v === null)) {
    ctx.diags.push(diagnosticAt(iv.call.span, 'missing-param', '`set_optimizer` needs at least one of lr, momentum, beta1, beta2, eps'));
    return null;
  }
  return make(entry.name, dropNulls(r.values));
}

export function lowerArm(arm: ArmAst, ctx: ArmContext): ArmSpec | null {
  const interventions: InterventionSpec[] = [];
  let ok = true;
  for (const clause of arm.clauses) {
    const trigger = lowerTrigger(clause.trigger, ctx);
    if (!trigger) {
      ok = false;
      continue;
    }
    for (const iv of clause.interventions) {
      const spec = lowerIntervention(iv, trigger, ctx);
      if (spec) interventions.push(spec);
      else ok = false;
    }
  }
  if (!ok) return null;
  return { name: arm.name.name, role: arm.role, interventions, span: sourceSpan(arm.span) };
}
