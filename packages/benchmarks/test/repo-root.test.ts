import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot, repoRoot } from '../src/repo-root.ts';

describe('repoRoot', () => {
  const root = mkdtempSync(join(tmpdir(), 'plas-root-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  const deep = join(root, 'packages', 'benchmarks', 'src');
  mkdirSync(deep, { recursive: true });

  it('walks up to the folder holding pnpm-workspace.yaml', () => {
    expect(findWorkspaceRoot(deep)).toBe(root);
    expect(findWorkspaceRoot(root)).toBe(root);
  });

  it('prefers INIT_CWD (where pnpm was started) over the current folder', () => {
    expect(repoRoot({ INIT_CWD: deep }, '/')).toBe(root);
    expect(repoRoot({}, deep)).toBe(root);
  });

  it('finds this repository from the package folder', () => {
    const here = findWorkspaceRoot(process.cwd());
    expect(here).not.toBeNull();
    expect(repoRoot({}, process.cwd())).toBe(here);
  });
});
