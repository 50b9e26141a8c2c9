/** Claims: one holder per cell, leases that expire, takeover of a dead runner's claim, release. */
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Claims } from '../../src/store/index.ts';

const H = 'c'.repeat(64);
const dirs: string[] = [];
function root(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plas-claims-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('claims', () => {
  it('one runner holds a cell; a second is refused while the lease runs', () => {
    const r = root();
    const a = new Claims(r, 10_000);
    const b = new Claims(r, 10_000);
    expect(a.tryClaim(H, 1_000)).toBe(true);
    expect(b.tryClaim(H, 2_000)).toBe(false);
    const claim = b.read(H);
    expect(claim).toMatchObject({ cell: H, pid: process.pid, expires: 11_000 });
    expect([...b.list().keys()]).toEqual([H]);
  });

  it('an expired claim is taken over by exactly one of two runners, and the old holder notices on renewal', () => {
    const r = root();
    const dead = new Claims(r, 1_000);
    expect(dead.tryClaim(H, 0)).toBe(true);
    const b = new Claims(r, 1_000);
    const c = new Claims(r, 1_000);
    const wins = [b.tryClaim(H, 5_000), c.tryClaim(H, 5_000)];
    expect(wins.filter(Boolean)).toHaveLength(1);
    dead.renewAll(5_100);
    // The dead runner's release must not remove the new holder's claim.
    dead.release(H);
    expect(existsSync(join(r, 'claims', `${H}.json`))).toBe(true);
  });

  it('renewal extends the lease; release removes the claim so another runner may take it', () => {
    const r = root();
    const a = new Claims(r, 1_000);
    const b = new Claims(r, 1_000);
    expect(a.tryClaim(H, 0)).toBe(true);
    a.renewAll(900);
    expect(b.tryClaim(H, 1_500)).toBe(false); // renewed to 1,900
    a.release(H);
    expect(b.tryClaim(H, 1_600)).toBe(true);
  });

  it('a half-written claim (a runner killed while writing it) blocks for one lease, then is taken over', () => {
    const r = root();
    mkdirSync(join(r, 'claims'), { recursive: true });
    const path = join(r, 'claims', `${H}.json`);
    writeFileSync(path, '{"cell":');
    const b = new Claims(r, 1_000);
    expect(b.tryClaim(H, Date.now())).toBe(false);
    const old = (Date.now() - 5_000) / 1000;
    utimesSync(path, old, old);
    expect(b.tryClaim(H, Date.now())).toBe(true);
  });
});
