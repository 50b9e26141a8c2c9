/** docs/language.md stays in step with the code: the EBNF mirrors the parser's rules, every code is listed. */
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../src/index.ts';
import { parser } from '../src/parser.ts';
import { readTestFile } from './helpers.ts';

const doc = readTestFile('../../../docs/language.md')!;

describe('docs/language.md', () => {
  it('has one EBNF production per parser rule, and no other', () => {
    const ebnf = /```ebnf\n([^]*?)```/.exec(doc)![1]!;
    const documented = [...ebnf.matchAll(/^(\w+)\s+=/gm)].map((m) => m[1]!).sort();
    const rules = Object.keys(parser.getGAstProductions()).sort();
    expect(documented).toEqual(rules);
  });

  it('lists every diagnostic code', () => {
    for (const code of Object.keys(diagnosticCodes)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
