/**
 * Which measured series are performance metrics (split.metric, e.g. 'test.accuracy', 'online.accuracy',
 * 'train.loss': learning curves and differences to the baseline) and which are diagnostics ('dead_units',
 * 'effective_rank', 'weight_norm', 'grad_norm(...)': diagnostic panels), and which way is better.
 */

export function metricKind(metric: string): 'performance' | 'diagnostic' {
  return /^[a-z_]+\.[a-z_]+/i.test(metric) ? 'performance' : 'diagnostic';
}

/** For a metric without a stated `compare`: losses and errors are better lower, everything else higher. */
export function guessBetter(metric: string): 'higher' | 'lower' {
  return /loss|error|mse/i.test(metric) ? 'lower' : 'higher';
}
