/**
 * src/cst.generated.ts is chevrotain's generateCstDts of the grammar as it is now: regenerated in memory and compared,
 * so a grammar change without `pnpm --filter @plas/dsl gen:cst` fails here (and the visitor is typed by stale types).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CST_TYPES_FILE, cstTypesSource } from '../scripts/gen-cst.ts';
import { parser } from '../src/parser.ts';

describe('generated CST types', () => {
  it('the committed src/cst.generated.ts is up to date with the grammar (else run `pnpm --filter @plas/dsl gen:cst`)', () => {
    expect(readFileSync(CST_TYPES_FILE, 'utf8')).toBe(cstTypesSource());
  });

  it('types every rule of the parser, with a visitor method per rule', () => {
    const text = cstTypesSource();
    for (const rule of Object.keys(parser.getGAstProductions())) {
      expect(text).toContain(`  name: "${rule}";`);
      expect(text).toMatch(new RegExp(`^  ${rule}\\(children: \\w+CstChildren, param\\?: IN\\): OUT;$`, 'm'));
    }
  });
});
