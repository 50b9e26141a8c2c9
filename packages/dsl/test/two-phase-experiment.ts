/**
 * A small experiment of two phases (`a`, then `b`), with a fresh baseline that resets at `b`, written around the
 * parts a test varies: the stream, the arms, the sweep and the quick block. Tests assert diagnostics by line, so
 * the layout is fixed: the arms start on line 12, the sweep follows measure and compare.
 */
export const TWO_EPOCHS_EACH = 'phase a: train on all for 2 epochs\n    phase b: train on all for 2 epochs';

export interface TwoPhaseParts {
  stream?: string;
  arms?: string;
  sweep?: string;
  quick?: string;
}

export function twoPhaseExperiment({ stream = 'phase a: train on all for 2 epochs\n    phase b: train on all for 3 epochs', arms = '', sweep = '', quick = '' }: TwoPhaseParts = {}): string {
  return `experiment e {
  data mnist(train: 1000, test: 100)
  model mlp(hidden: [16])
  optimizer adam(lr: 1e-3)
  batch 10
  seeds 2
  stream {
    ${stream}
  }
  baseline fresh: at b: reset all
  ${arms}
  measure every 1 epoch: test.accuracy
  compare test.accuracy: mean over last 2 epochs of b
  ${sweep}
  ${quick}
}
`;
}
