/**
 * Colour for terminal output, following the conventions users set: NO_COLOR (https://no-color.org) turns it off,
 * FORCE_COLOR turns it on (FORCE_COLOR=0 off), otherwise a TTY gets colour and a pipe or file gets plain text.
 */
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}

export interface Painter {
  (style: Style, text: string): string;
}

/** A painter for one stream: styles text when colour is enabled for it, else returns the text unchanged. */
export function painter(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Painter {
  const on = colorEnabled(stream, env);
  return (style, text) => (on ? styleText(style, text, { validateStream: false }) : text);
}

/** The style of a verdict word. */
export function verdictStyle(verdict: string): Style {
  if (verdict === 'PASSED') return 'green';
  if (verdict === 'FAILED') return 'red';
  return 'yellow';
}
