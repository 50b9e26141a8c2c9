/**
 * Online metrics (Dohare et al. 2024; Kumar et al. 2023): the prediction on each incoming batch is scored BEFORE
 * the update on it, and averaged over the examples since the previous measurement of that series:
 *   online.loss     = Σ_batches k·L_batch / Σ k          (L_batch the batch's mean loss)
 *   online.accuracy = Σ_batches correct_batch / Σ k
 */
export const ONLINE_METRICS = ['online.accuracy', 'online.loss'] as const;
export type OnlineMetric = (typeof ONLINE_METRICS)[number];

export function isOnlineMetric(name: string): name is OnlineMetric {
  return (ONLINE_METRICS as readonly string[]).includes(name);
}

export class OnlineMean {
  private lossSum = 0;
  private correct = 0;
  private examples = 0;
  private classified = true;

  add(meanLoss: number, correct: number | null, k: number): void {
    this.lossSum += meanLoss * k;
    this.examples += k;
    if (correct === null) this.classified = false;
    else this.correct += correct;
  }

  /** The interval's mean, then start a new interval; null when no example was seen. */
  take(metric: OnlineMetric): number | null {
    const value =
      this.examples === 0
        ? null
        : metric === 'online.loss'
          ? this.lossSum / this.examples
          : this.classified
            ? this.correct / this.examples
            : null;
    this.lossSum = 0;
    this.correct = 0;
    this.examples = 0;
    this.classified = true;
    return value;
  }
}
