/** all: the whole current pool, unchanged. */
import type { SelectorImpl } from '../pool.ts';

export const all: SelectorImpl<'all'> = (_selector, state) => state;
