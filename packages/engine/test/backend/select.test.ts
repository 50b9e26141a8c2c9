import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, selectBackend } from '../../src/backend/select.ts';

describe('selectBackend', () => {
  it('auto falls back past a missing native binding without crashing, saying why once', async () => {
    const messages: string[] = [];
    const name = await selectBackend('auto', (m) => messages.push(m));
    expect(['tensorflow', 'wasm', 'cpu']).toContain(name);
    expect(tf.getBackend()).toBe(name);
    if (name !== 'tensorflow') {
      expect(messages.filter((m) => m.startsWith('backend node unavailable'))).toHaveLength(1);
    }
  });

  it('selects cpu and wasm explicitly', async () => {
    expect(await selectBackend('cpu')).toBe('cpu');
    expect(await selectBackend('wasm')).toBe('wasm');
  });

  it('rejects an unknown name with a clear error', async () => {
    await expect(selectBackend('gpu' as never)).rejects.toThrow(BackendError);
    await expect(selectBackend('gpu' as never)).rejects.toThrow(/unknown backend 'gpu'/);
  });
});
