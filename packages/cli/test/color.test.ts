import { describe, expect, it } from 'vitest';
import { colorEnabled, painter } from '../src/output/color.ts';

describe('colour', () => {
  it('is on for a terminal and off for a pipe by default', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
  });

  it('honours NO_COLOR, and FORCE_COLOR over it', () => {
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(true);
  });

  it('styles text only when enabled', () => {
    expect(painter({ isTTY: false }, {})('red', 'FAILED')).toBe('FAILED');
    expect(painter({ isTTY: false }, { FORCE_COLOR: '1' })('red', 'FAILED')).toBe('\u001b[31mFAILED\u001b[39m');
  });
});
