/**
 * The names a file declares (experiment, arms, phases, definitions, imports) and the places it uses them, read from
 * the AST. An editor builds its outline from `declarations` and resolves go-to-definition by matching a
 * `references` entry against the declarations of the file and of the files it imports.
 */
import type { Amount, ArmAst, FileAst, Ident, MetricRef, Span, StreamItemAst, TriggerAst } from '../ast.ts';

export type DeclarationKind = 'import' | 'data' | 'model' | 'optimizer' | 'metrics' | 'experiment' | 'stream' | 'phase' | 'repeat' | 'arm' | 'baseline';

export interface Declaration {
  kind: DeclarationKind;
  name: string;
  /** The whole construct. */
  span: Span;
  /** The name itself (for an import, the path string). */
  nameSpan: Span;
  /** A short description: the callee of a definition, the trigger of an arm. */
  detail: string;
  children: Declaration[];
}

export type ReferenceKind = 'arm' | 'phase' | 'definition' | 'import';

export interface Reference {
  kind: ReferenceKind;
  name: string;
  span: Span;
  /** For a definition: which kind of definition the name may be (`model mlp100` → 'model'). */
  definitionKind?: 'data' | 'model' | 'optimizer' | 'metrics';
}

/** `repeat 5 tasks` without `as`: the name the language gives it. */
const DEFAULT_REPEAT_NAME = 'task';

function streamItemDeclaration(item: StreamItemAst): Declaration {
  if (item.kind === 'phase') {
    return { kind: 'phase', name: item.name.name, span: item.span, nameSpan: item.name.span, detail: durationText(item.train.duration.kind), children: [] };
  }
  const name = item.name?.name ?? DEFAULT_REPEAT_NAME;
  return { kind: 'repeat', name, span: item.span, nameSpan: item.name?.span ?? item.count.span, detail: `${item.count.value.text} ${item.count.unit.name}`, children: [] };
}

function durationText(kind: 'for' | 'until'): string {
  return kind === 'for' ? 'fixed length' : 'until a metric reaches a value';
}

function armDeclaration(arm: ArmAst): Declaration {
  const detail = arm.clauses.map((c) => `${triggerText(c.trigger)}: ${c.interventions.length} intervention${c.interventions.length === 1 ? '' : 's'}`).join('; ');
  return { kind: arm.role, name: arm.name.name, span: arm.span, nameSpan: arm.name.span, detail: detail || 'no intervention', children: [] };
}

function triggerText(t: TriggerAst): string {
  if (t.kind === 'at') return `at ${t.phase.name}`;
  if (t.kind === 'each') return `at each ${t.what.name}${t.of ? ` of ${t.of.name}` : ''}`;
  if (t.kind === 'point') return `at ${t.unit.name} ${t.n.text}`;
  return `every ${t.n?.text ?? ''}${t.n ? ' ' : ''}${t.unit.name}`;
}

export function declarations(ast: FileAst): Declaration[] {
  const out: Declaration[] = [];
  for (const imp of ast.imports) out.push({ kind: 'import', name: imp.path, span: imp.span, nameSpan: imp.span, detail: 'import', children: [] });
  for (const def of ast.definitions) {
    const detail = def.kind === 'metrics' ? def.metrics.map((m) => m.name.name).join(', ') : def.call.name.name;
    out.push({ kind: def.kind, name: def.name.name, span: def.span, nameSpan: def.name.span, detail, children: [] });
  }
  for (const exp of ast.experiments) {
    const children: Declaration[] = [];
    for (const st of exp.statements) {
      if (st.kind === 'stream') {
        const items = st.items.map(streamItemDeclaration);
        children.push({ kind: 'stream', name: 'stream', span: st.span, nameSpan: st.span, detail: `${items.length} item${items.length === 1 ? '' : 's'}`, children: items });
      } else if (st.kind === 'arm') {
        children.push(armDeclaration(st));
      }
    }
    out.push({ kind: 'experiment', name: exp.name.name, span: exp.span, nameSpan: exp.name.span, detail: 'experiment', children });
  }
  return out;
}

function ref(kind: ReferenceKind, id: Ident, definitionKind?: Reference['definitionKind']): Reference {
  const r: Reference = { kind, name: id.name, span: id.span };
  if (definitionKind) r.definitionKind = definitionKind;
  return r;
}

function metricRefs(metrics: readonly MetricRef[]): Reference[] {
  return metrics.map((m) => ref('definition', m.name, 'metrics'));
}

function triggerRefs(t: TriggerAst): Reference[] {
  if (t.kind === 'at') return [ref('phase', t.phase)];
  if (t.kind === 'each') return [ref('phase', t.what), ...(t.of ? [ref('phase', t.of)] : [])];
  return [];
}

export function references(ast: FileAst): Reference[] {
  const out: Reference[] = [];
  for (const imp of ast.imports) out.push({ kind: 'import', name: imp.path, span: imp.span });
  for (const def of ast.definitions) {
    if (def.kind === 'metrics') out.push(...metricRefs(def.metrics));
    else out.push(ref('definition', def.call.name, def.kind));
  }
  for (const exp of ast.experiments) {
    for (const st of exp.statements) {
      switch (st.kind) {
        case 'data':
        case 'model':
        case 'optimizer':
          out.push(ref('definition', st.call.name, st.kind));
          break;
        case 'arm':
          for (const c of st.clauses) out.push(...triggerRefs(c.trigger));
          break;
        case 'measure':
          if (st.cadence.kind === 'each_end') out.push(ref('phase', st.cadence.what));
          out.push(...metricRefs(st.metrics));
          break;
        case 'compare':
          out.push(...metricRefs([st.metric]));
          if (st.of) out.push(ref('phase', st.of));
          break;
        case 'expect':
          out.push(ref('arm', st.left), ref('arm', st.right));
          break;
        case 'quick':
          for (const item of st.items) {
            if (item.kind === 'phase') out.push(ref('phase', item.name));
            if (item.kind === 'repeat' && item.name) out.push(ref('phase', item.name));
          }
          break;
        default:
          break;
      }
    }
  }
  return out;
}

/** Every `N unit` amount in a stream item (its duration, `max`, `check every`), with the item's name. */
export function streamAmounts(ast: FileAst): { item: string; amount: Amount }[] {
  const out: { item: string; amount: Amount }[] = [];
  for (const exp of ast.experiments.slice(0, 1)) {
    for (const st of exp.statements) {
      if (st.kind !== 'stream') continue;
      for (const item of st.items) {
        const name = item.kind === 'phase' ? item.name.name : (item.name?.name ?? DEFAULT_REPEAT_NAME);
        const d = item.train.duration;
        if (d.kind === 'for') out.push({ item: name, amount: d.amount });
        else out.push({ item: name, amount: d.max }, ...(d.checkEvery ? [{ item: name, amount: d.checkEvery }] : []));
      }
    }
  }
  return out;
}
