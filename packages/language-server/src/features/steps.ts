/**
 * A number with a unit, in steps: `150 epochs` in phase `tune` is 150 × ⌈examples / batch⌉ steps. Read from the
 * compiled experiment (data size, selectors, batch), so only shown when the analysis is of the text on screen.
 */
import type { Declaration, EditorToken } from '@plas/dsl';
import type { Analysis, StreamItemSteps } from '../analysis/analyze.ts';

const units: Record<string, 'steps' | 'epochs' | 'examples' | 'tasks'> = {
  step: 'steps', steps: 'steps', epoch: 'epochs', epochs: 'epochs', example: 'examples', examples: 'examples', task: 'tasks', tasks: 'tasks',
};

const fmt = (n: number): string => n.toLocaleString('en-US');

function streamItemAt(analysis: Analysis, mainPath: string, offset: number): Declaration | null {
  const main = analysis.files.find((f) => f.path === mainPath);
  for (const exp of main?.declarations ?? []) {
    for (const st of exp.children) {
      if (st.kind !== 'stream') continue;
      for (const item of st.children) if (item.span.offset <= offset && offset <= item.span.endOffset) return item;
    }
  }
  return null;
}

function perEpoch(item: StreamItemSteps, batch: number): string {
  return `${fmt(item.stepsPerEpoch)} steps per epoch (${fmt(item.examples)} examples, batch ${batch})`;
}

export function amountHover(tokens: readonly EditorToken[], i: number, analysis: Analysis, mainPath: string): { text: string; from: number; to: number } | null {
  if (!analysis.steps) return null;
  const t = tokens[i]!;
  const numberIndex = t.category === 'number' ? i : i - 1;
  const num = tokens[numberIndex];
  const unitTok = tokens[numberIndex + 1];
  if (!num || num.category !== 'number' || !unitTok) return null;
  const unit = units[unitTok.image];
  if (!unit) return null;
  const n = Number(num.image);
  const { batch, items } = analysis.steps;
  const from = num.offset;
  const to = unitTok.end;
  const head = `**${num.image} ${unitTok.image}**`;
  if (unit === 'steps') return { text: `${head} = ${fmt(n)} training steps`, from, to };
  if (unit === 'examples') return { text: `${head} = ${fmt(Math.ceil(n / batch))} steps (batch ${batch})`, from, to };
  const decl = streamItemAt(analysis, mainPath, num.offset);
  const item = decl ? items.find((s) => s.name === decl.name) : undefined;
  if (unit === 'tasks') {
    if (item && item.kind === 'repeat') return { text: `${head}; each task: ${perEpoch(item, batch)}`, from, to };
    return null;
  }
  if (item) return { text: `${head} = ${fmt(n * item.stepsPerEpoch)} steps in ${item.kind} \`${item.name}\`: ${perEpoch(item, batch)}`, from, to };
  const lines = items.map((s) => `- in ${s.kind} \`${s.name}\`: ${fmt(n * s.stepsPerEpoch)} steps — ${perEpoch(s, batch)}`);
  return { text: `${head} =\n${lines.join('\n')}`, from, to };
}
