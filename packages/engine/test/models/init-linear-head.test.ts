import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/select.ts';
import { createModel } from '../../src/models/create-model.ts';

beforeAll(async () => {
  await selectBackend('cpu');
});

const maxAbs = (v: { dataSync(): ArrayLike<number> }): number => Math.max(...Array.from(v.dataSync(), Math.abs));

describe("he_uniform_linear_head (Dohare et al.'s learner, lop/nets/ffnn.py)", () => {
  it('draws hidden weights U(±√(6/fanIn)), the head U(±√(3/fanIn)), and zero biases', () => {
    const model = createModel({ kind: 'mlp', hidden: [200], activation: 'relu', layerNorm: false, init: 'he_uniform_linear_head' }, [100], 50, 3);
    const hidden = model.params.get('dense0/kernel')!;
    const head = model.params.get('head/kernel')!;
    // 20,000 and 10,000 draws: the largest |w| comes within 1% of each bound, and never above it.
    expect(maxAbs(hidden)).toBeLessThanOrEqual(Math.sqrt(6 / 100));
    expect(maxAbs(hidden)).toBeGreaterThan(0.99 * Math.sqrt(6 / 100));
    expect(maxAbs(head)).toBeLessThanOrEqual(Math.sqrt(3 / 200));
    expect(maxAbs(head)).toBeGreaterThan(0.99 * Math.sqrt(3 / 200));
    expect(maxAbs(model.params.get('dense0/bias')!)).toBe(0);
    expect(maxAbs(model.params.get('head/bias')!)).toBe(0);
    // The hidden layer is drawn exactly as plain he_uniform (same seed per parameter name).
    const plain = createModel({ kind: 'mlp', hidden: [200], activation: 'relu', layerNorm: false, init: 'he_uniform' }, [100], 50, 3);
    expect(Array.from(plain.params.get('dense0/kernel')!.dataSync())).toEqual(Array.from(hidden.dataSync()));
    model.dispose();
    plain.dispose();
  });
});
