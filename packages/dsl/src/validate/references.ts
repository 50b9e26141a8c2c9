/**
 * Reference checks on the lowered IR: names that must exist, units that must fit the stream, baseline rules.
 * Each check points back into the source through the spans recorded while lowering (`Lowered.where`).
 */
import type { ExpectAst, Span } from '../ast.ts';
import { interventionEntry, settableOptimizerKeys } from '../catalog/interventions.ts';
import { everyStepProblem, pointProblem, pointText, streamLength, triggerProblem } from '../contract/triggers.ts';
import { untilMetrics } from '../catalog/metrics.ts';
import { dataShape } from '../catalog/data-sources.ts';
import { hiddenLayerIndex, layerNames, selectLayers, ShapeError } from '../contract/shapes.ts';
import { pointSetups } from '../expand.ts';
import { diagnosticAt, type Diagnostic } from '../diagnostics.ts';
import type { SourceSpan } from '../ir.ts';
import { applyQuick, type Lowered } from '../lower/experiment.ts';
import { isRegression } from '../lower/setup.ts';
import { suggestion } from '../suggest.ts';

export type IrCheck = (l: Lowered) => Diagnostic[];

function at(s: SourceSpan): Span {
  return { file: s.file, offset: 0, endOffset: s.length - 1, line: s.line, column: s.column, endLine: s.line, endColumn: s.column + s.length - 1 };
}

const armRoles: IrCheck = ({ ir, ast }) => {
  const baselines = ir.arms.filter((a) => a.role === 'baseline');
  const declaredBaseline = ast.statements.some((s) => s.kind === 'arm' && s.role === 'baseline');
  const out: Diagnostic[] = [];
  if (!ast.statements.some((s) => s.kind === 'arm')) {
    out.push(diagnosticAt(ast.name.span, 'no-arms', `experiment \`${ir.name}\` declares no arm: add \`baseline NAME: ...\` and \`arm NAME: ...\``));
  }
  for (const b of baselines.slice(1)) out.push(diagnosticAt(at(b.span), 'multiple-baselines', `only one baseline is allowed; \`${baselines[0]!.name}\` is already the baseline`));
  const compared = ir.arms.length > 1 || ir.compare !== null || ir.expect.length > 0;
  if (!declaredBaseline && compared && ir.arms.length > 0) {
    const target = ir.compare ? at(ir.compare.span) : at(ir.arms[1]?.span ?? ir.arms[0]!.span);
    out.push(
      diagnosticAt(target, 'missing-baseline', ir.compare ? '`compare` needs a baseline to compare the arms with' : 'several arms but no baseline: declare one with `baseline NAME: ...`', {
        message: 'e.g. `baseline fresh: at each task: reset all, reset optimizer`',
      }),
    );
  }
  return out;
};

const triggerTargets: IrCheck = ({ ir, where, quick }) => {
  const out: Diagnostic[] = [];
  const names = ir.stream.map((s) => s.name);
  // the quick profile may shorten the stream past an `at epoch N`: said, not refused (the point is the file's)
  const quickStream = quick ? applyQuick(ir, quick).stream : null;
  for (const arm of ir.arms) {
    for (const iv of arm.interventions) {
      const t = iv.trigger;
      const w = where.get(t);
      const span = w?.['phase'] ?? w?.['n'] ?? at(iv.span);
      const problem = triggerProblem(t, ir.stream) ?? pointProblem(t, ir.stream);
      if (problem) {
        const fix = problem.code === 'unknown-phase' && 'phase' in t && t.phase !== null ? suggestion(t.phase, names) : undefined;
        out.push(diagnosticAt(span, problem.code, problem.message, fix));
      } else if (quickStream && t.kind === 'at_point' && pointProblem(t, quickStream)) {
        const length = streamLength(quickStream, t.unit);
        out.push(diagnosticAt(span, 'quick-mismatch', `in the quick profile the stream trains ${length} ${t.unit}: \`${pointText(t)}\` does not fire there`, undefined, 'warning'));
      }
    }
  }
  return out;
};

/** Loss penalties (l2, l2_init) and per-step interventions (continual_backprop) fire `every step:` only. */
const everyStepOnly: IrCheck = ({ ir }) =>
  ir.arms.flatMap((arm) =>
    arm.interventions.flatMap((iv) => {
      const problem = everyStepProblem(iv);
      return problem ? [diagnosticAt(at(iv.span), problem.code, problem.message)] : [];
    }),
  );

const setKeysFitOptimizer: IrCheck = ({ ir }) =>
  ir.arms.flatMap((arm) =>
    arm.interventions
      .filter((iv) => iv.name === 'set_optimizer')
      .flatMap((iv) => {
        const allowed = settableOptimizerKeys[ir.optimizer.kind] ?? [];
        return Object.keys(iv.params)
          .filter((k) => !allowed.includes(k))
          .map((k) => diagnosticAt(at(iv.span), 'unknown-param', `optimizer \`${ir.optimizer.kind}\` has no \`${k}\`; it has ${allowed.join(', ')}`));
      }),
  );

const lossFitsData: IrCheck = ({ ir, ast }) => {
  const regression = isRegression(ir.data);
  if (regression === (ir.loss === 'squared_error')) return [];
  const stmt = ast.statements.find((s) => s.kind === 'loss');
  const span = stmt?.span ?? ast.name.span;
  return [
    diagnosticAt(
      span,
      'loss-mismatch',
      regression ? `\`${ir.data.kind}\` is a regression stream: use \`loss squared_error\`` : `\`${ir.data.kind}\` is a classification data set: use \`loss cross_entropy\``,
    ),
  ];
};

const untilRules: IrCheck = ({ ir, where }) =>
  ir.stream.flatMap((item) => {
    const d = item.duration;
    if (d.kind !== 'until') return [];
    const w = where.get(d);
    if (!untilMetrics.includes(d.metric)) {
      return [diagnosticAt(w?.['metric'] ?? at(item.span), 'not-measured', `\`until\` cannot test \`${d.metric}\`; it can test ${untilMetrics.join(', ')}`, suggestion(d.metric, untilMetrics))];
    }
    if (d.metric.endsWith('.accuracy') && (d.value < 0 || d.value > 1)) {
      return [diagnosticAt(w?.['value'] ?? at(item.span), 'out-of-range', `an accuracy threshold must be in [0, 1], got ${d.value}`)];
    }
    return [];
  });

const hasRepeat = (l: Lowered): boolean => l.ir.stream.some((s) => s.kind === 'repeat');

const measureCadences: IrCheck = (l) =>
  l.ir.measure
    .filter((m) => m.cadence.kind === 'every' && m.cadence.unit === 'tasks' && !hasRepeat(l))
    .map((m) => diagnosticAt(at(m.span), 'unit-mismatch', `\`every N tasks\` needs a \`repeat N tasks\` in the stream; measure every N epochs or steps, or \`at each phase end\``));

const measureKeysUnique: IrCheck = ({ ir }) => {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const m of ir.measure) {
    if (seen.has(m.key)) out.push(diagnosticAt(at(m.span), 'duplicate-name', `\`${m.key}\` is measured twice`));
    seen.add(m.key);
  }
  return out;
};

const gradNormTargets: IrCheck = ({ ir, where }) => {
  const phases = ir.stream.map((s) => s.name);
  const allowed = ['train', 'test', ...phases];
  return ir.measure
    .filter((m) => m.metric === 'grad_norm' && !allowed.includes(String(m.params['on'])))
    .map((m) => {
      const span = where.get(m.params)?.['on'] ?? at(m.span);
      return diagnosticAt(span, 'unknown-phase', `\`grad_norm(on: ...)\` takes train, test or a phase name (${phases.join(', ')}), not \`${String(m.params['on'])}\``, suggestion(String(m.params['on']), allowed));
    });
};

const compareTarget: IrCheck = (l) => {
  const c = l.ir.compare;
  if (!c) return [];
  const out: Diagnostic[] = [];
  // When a measure line failed to lower, its metrics are unknown: do not cascade.
  if (l.complete && !l.ir.measure.some((m) => m.key === c.metric)) {
    const keys = l.ir.measure.map((m) => m.key);
    out.push(diagnosticAt(at(c.span), 'not-measured', `\`compare\` uses \`${c.metric}\`, which no \`measure\` line records`, suggestion(c.metric, keys)));
  }
  if (c.window.phase !== null && !l.ir.stream.some((s) => s.name === c.window.phase)) {
    out.push(diagnosticAt(at(c.span), 'unknown-phase', `the stream has no phase or repeat \`${c.window.phase}\``, suggestion(c.window.phase, l.ir.stream.map((s) => s.name))));
  }
  if (c.window.unit === 'tasks' && !hasRepeat(l)) {
    out.push(diagnosticAt(at(c.span), 'unit-mismatch', 'a window in tasks needs a `repeat N tasks` in the stream'));
  }
  return out;
};

const expectArms: IrCheck = ({ ir, ast }) => {
  const names = ir.arms.map((a) => a.name);
  const declared = new Set(ast.statements.flatMap((s) => (s.kind === 'arm' ? [s.name.name] : [])));
  const out: Diagnostic[] = [];
  for (const s of ast.statements) {
    if (s.kind !== 'expect') continue;
    const sides = s.left.name === s.right.name ? [s.left] : [s.left, s.right];
    for (const side of sides) {
      if (!declared.has(side.name)) out.push(diagnosticAt(side.span, 'unknown-arm', `there is no arm \`${side.name}\``, suggestion(side.name, names)));
    }
    if (s.leftWindow === null && s.rightWindow === null) {
      if (s.left.name === s.right.name) out.push(diagnosticAt(s.span, 'unknown-arm', '`expect` compares an arm with itself (for a trend within one arm write `last(ARM) - first(ARM)`)'));
      continue;
    }
    out.push(...trendProblems(s));
  }
  return out;
};

/** `last(A) - first(A)` is the one trend form: the arm's last window minus its first (the compare window's size). */
function trendProblems(s: ExpectAst): Diagnostic[] {
  const out: Diagnostic[] = [];
  const windows = [s.leftWindow, s.rightWindow];
  for (const w of windows) {
    if (w !== null && w.name !== 'first' && w.name !== 'last') {
      out.push(diagnosticAt(w.span, 'bad-trend', `unknown window \`${w.name}\`: a trend is written \`last(ARM) - first(ARM)\``, suggestion(w.name, ['first', 'last'])));
    }
  }
  if (out.length > 0) return out;
  if (s.leftWindow?.name !== 'last' || s.rightWindow?.name !== 'first') {
    out.push(diagnosticAt(s.span, 'bad-trend', 'a trend is written `last(ARM) - first(ARM)`: the arm\'s last window minus its first'));
  } else if (s.left.name !== s.right.name) {
    out.push(diagnosticAt(s.right.span, 'bad-trend', `a trend compares one arm with itself: \`last(${s.left.name}) - first(${s.left.name})\`; to compare two arms write \`${s.left.name} - ${s.right.name}\``));
  }
  return out;
}

/** The data's class count when it is known without reading files (null for regression or a generic IDX folder). */
const classCount = (l: Lowered): number | null => {
  const shape = dataShape(l.ir.data);
  return shape.task === 'classification' ? shape.outputs : null;
};

const selectorPlacement: IrCheck = (l) => {
  const out: Diagnostic[] = [];
  const classes = classCount(l);
  for (const item of l.ir.stream) {
    for (const sel of item.data) {
      const span = l.where.get(sel)?.['self'] ?? at(item.span);
      if (sel.kind === 'class_incremental') {
        if (item.kind !== 'repeat') out.push(diagnosticAt(span, 'unit-mismatch', '`class_incremental` splits classes over tasks: use it in a `repeat N tasks`'));
        else if (classes !== null && sel.perTask * item.count > classes) {
          out.push(diagnosticAt(span, 'out-of-range', `${item.count} tasks × ${sel.perTask} classes per task exceed the ${classes} classes of the data`));
        }
      }
      if (sel.kind === 'multi_stage') {
        if (item.kind === 'phase' && sel.stage === null) out.push(diagnosticAt(span, 'missing-param', '`multi_stage` in a phase needs `stage:` (0-based)'));
        if (item.kind === 'repeat' && sel.stage !== null) out.push(diagnosticAt(span, 'unit-mismatch', '`multi_stage` in a repeat takes its stage from the task index: drop `stage:`'));
        if (sel.stage !== null && sel.stage >= sel.stages) out.push(diagnosticAt(span, 'out-of-range', `stage must be in [0, ${sel.stages - 1}], got ${sel.stage}`));
        if (item.kind === 'repeat' && item.count > sel.stages) out.push(diagnosticAt(span, 'out-of-range', `${item.count} tasks but only ${sel.stages} stages`));
      }
      if (sel.kind === 'classes' && classes !== null) {
        const bad = sel.classes.find((c) => c >= classes);
        if (bad !== undefined) out.push(diagnosticAt(span, 'out-of-range', `class ${bad} does not exist: the data has classes 0..${classes - 1}`));
      }
    }
  }
  return out;
};

const enoughSeeds: IrCheck = ({ ir, ast }) => {
  if (ir.seeds.length >= 2 || (ir.compare === null && ir.expect.length === 0)) return [];
  const stmt = ast.statements.find((s) => s.kind === 'seeds');
  return [
    diagnosticAt(
      stmt?.span ?? ast.name.span,
      'few-seeds',
      `arms are compared on ${stmt ? 'a single seed' : 'a single seed (the default)'}: paired differences need at least 2 seeds for a confidence interval`,
      { message: 'e.g. `seeds 5`' },
      'warning',
    ),
  ];
};

/**
 * Layer selectors (`reset layers[-3..]`) and hidden-layer indices (`effective_rank(layer: 2)`) name layers that
 * exist in the model of every sweep point: caught here, by the same function the engine uses (contract/shapes.ts),
 * not by a worker after the other cells have run.
 */
const layersExist: IrCheck = (l) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (span: SourceSpan, where: Span | undefined, message: string, label: string): void => {
    const text = pointSetups(l.ir).length > 1 ? `${message} (at sweep point ${label})` : message;
    if (seen.has(text)) return;
    seen.add(text);
    out.push(diagnosticAt(where ?? at(span), 'out-of-range', text));
  };
  for (const { label, model } of pointSetups(l.ir)) {
    const names = layerNames(model);
    for (const arm of l.ir.arms) {
      for (const iv of arm.interventions) {
        const entry = interventionEntry(iv.name);
        for (const p of entry?.params ?? []) {
          const sel = iv.params[p.irKey ?? p.name];
          if (p.type.kind !== 'layers' || sel === undefined || typeof sel !== 'object' || Array.isArray(sel)) continue;
          try {
            selectLayers(sel, names);
          } catch (err) {
            if (err instanceof ShapeError) report(iv.span, l.where.get(iv.params)?.[p.name], `\`${iv.name}\`: ${err.message}`, label);
          }
        }
      }
    }
    for (const m of l.ir.measure) {
      const layer = m.params['layer'];
      if (typeof layer !== 'number') continue;
      try {
        hiddenLayerIndex(m.metric, layer, names.length - 1);
      } catch (err) {
        if (err instanceof ShapeError) report(m.span, l.where.get(m.params)?.['layer'], err.message, label);
      }
    }
  }
  return out;
};

export const irChecks: Record<string, IrCheck> = {
  armRoles,
  triggerTargets,
  everyStepOnly,
  setKeysFitOptimizer,
  lossFitsData,
  untilRules,
  measureCadences,
  measureKeysUnique,
  gradNormTargets,
  compareTarget,
  expectArms,
  selectorPlacement,
  enoughSeeds,
  layersExist,
};

