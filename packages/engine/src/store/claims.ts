/**
 * Claims: how many runners (processes, machines, Slurm array tasks) share one run store without training a cell
 * twice. Before it trains a cell, a runner creates `<store>/claims/<cellHash>.json` with O_EXCL, so exactly one
 * creation succeeds. The claim is a lease: it names host, pid and an expiry, the holder renews it while the cell
 * trains, and deletes it when the cell's record is written (or the cell failed).
 *
 * A runner that dies leaves its claim behind; once the lease has expired any runner takes it over. Takeover must
 * not let two runners both win: each claim carries a random `token`, and the taker first creates
 * `<claim>.takeover.<token>` with link(2) (fails with EEXIST for everyone but one), then replaces the claim. A
 * takeover marker left by a taker that died is itself ignored after one lease.
 *
 * Lease times are wall-clock, so runners on several machines need roughly synchronised clocks (NTP); a lease of
 * minutes tolerates seconds of skew. If a lease does expire under a live but stalled runner, both runners may
 * finish the cell: that is harmless, because a cell is deterministic (same record apart from `timing`) and the
 * record is written atomically (rename), so the store holds one whole record either way.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from './run-store.ts';

export interface Claim {
  cell: string;
  host: string;
  pid: number;
  /** ISO time the claim was first taken. */
  since: string;
  /** Epoch milliseconds after which the claim is stale and may be taken over. */
  expires: number;
  token: string;
}

/** Default lease: long enough to survive a busy filesystem, short enough that a crash costs little. */
export const DEFAULT_LEASE_MS = 120_000;

/** The lease length: PLAS_LEASE_MS (for tests and slow filesystems) or the default. */
export function leaseMs(): number {
  const fromEnv = Number(process.env['PLAS_LEASE_MS']);
  return Number.isFinite(fromEnv) && fromEnv >= 100 ? fromEnv : DEFAULT_LEASE_MS;
}

export class Claims {
  readonly dir: string;
  readonly lease: number;
  /** Claims this process holds, by cell hash. */
  private readonly held = new Map<string, Claim>();

  constructor(storeRoot: string, lease: number = leaseMs()) {
    this.dir = join(storeRoot, 'claims');
    this.lease = lease;
  }

  private path(hash: string): string {
    return join(this.dir, `${hash}.json`);
  }

  /** The claim on a cell, or null when there is none (or its file is unreadable, e.g. half written by a crash). */
  read(hash: string): Claim | null {
    return readClaim(this.path(hash));
  }

  /** Try to claim a cell: true when this process now holds it. Takes over an expired (or unreadable) claim. */
  tryClaim(hash: string, now: number = Date.now()): boolean {
    mkdirSync(this.dir, { recursive: true });
    const claim = this.newClaim(hash, now);
    if (createExclusive(this.path(hash), claim)) {
      this.held.set(hash, claim);
      return true;
    }
    const current = this.read(hash);
    if (current !== null && current.expires > now) return false;
    if (!this.takeOver(hash, current, now)) return false;
    if (createExclusive(this.path(hash), claim)) {
      this.held.set(hash, claim);
      return true;
    }
    return false;
  }

  /**
   * Remove a stale claim so that a fresh O_EXCL creation can follow; true when this process won the takeover. A
   * claim file that cannot be parsed (a writer killed mid-write) is stale once it is a lease old by its mtime.
   */
  private takeOver(hash: string, stale: Claim | null, now: number): boolean {
    const path = this.path(hash);
    let token: string;
    if (stale) token = stale.token;
    else {
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        return true; // gone meanwhile: just try to create it
      }
      if (mtime + this.lease > now) return false;
      token = `unreadable-${Math.floor(mtime)}`;
    }
    const marker = `${path}.takeover.${token}`;
    try {
      linkSync(path, marker);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return true; // the claim vanished: its holder released it
      if (code !== 'EEXIST') throw error;
      // Someone else is taking this very claim over; if they died doing it, clear their marker after a lease.
      try {
        if (statSync(marker).ctimeMs + this.lease < now) rmSync(marker, { force: true });
      } catch {
        // already gone
      }
      return false;
    }
    // We alone hold the marker for this token: the claim file is still the stale one (only a marker holder removes it).
    const again = this.read(hash);
    if (stale && (again === null || again.token !== stale.token)) {
      rmSync(marker, { force: true });
      return again === null;
    }
    rmSync(path, { force: true });
    rmSync(marker, { force: true });
    return true;
  }

  /** Extend every claim this process holds (called on a timer while cells train). Drops claims taken over. */
  renewAll(now: number = Date.now()): void {
    for (const [hash, claim] of this.held) {
      const current = this.read(hash);
      if (current === null || current.token !== claim.token) {
        this.held.delete(hash); // lost it (expired and taken over): the other runner's record will be the same
        continue;
      }
      const renewed = { ...claim, expires: now + this.lease };
      try {
        writeAtomic(this.path(hash), renewed);
        this.held.set(hash, renewed);
      } catch {
        // A failed renewal only shortens the lease; the write of the record itself will report a broken store.
      }
    }
  }

  /** Give a claim up (the cell's record is written, or the cell failed and may be retried by anyone). */
  release(hash: string): void {
    const claim = this.held.get(hash);
    if (!claim) return;
    this.held.delete(hash);
    const current = this.read(hash);
    if (current !== null && current.token === claim.token) rmSync(this.path(hash), { force: true });
  }

  /** Release everything this process holds (on exit). Synchronous, so it can run in an 'exit' handler. */
  releaseAll(): void {
    for (const hash of [...this.held.keys()]) {
      try {
        this.release(hash);
      } catch {
        // best effort: an unreleased claim expires on its own
      }
    }
  }

  /** Every claim in the store, by cell hash (for `plas status`). */
  list(): Map<string, Claim> {
    const claims = new Map<string, Claim>();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return claims;
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const claim = readClaim(join(this.dir, name));
      if (claim) claims.set(name.slice(0, -'.json'.length), claim);
    }
    return claims;
  }

  private newClaim(hash: string, now: number): Claim {
    return { cell: hash, host: hostname(), pid: process.pid, since: new Date(now).toISOString(), expires: now + this.lease, token: randomBytes(12).toString('hex') };
  }
}

function readClaim(path: string): Claim | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Claim>;
    if (typeof value.token !== 'string' || typeof value.expires !== 'number' || typeof value.host !== 'string' || typeof value.pid !== 'number') return null;
    return value as Claim;
  } catch {
    return null;
  }
}

/** Create the claim file only if none exists (O_EXCL); false when another runner got there first. */
function createExclusive(path: string, claim: Claim): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(claim));
  } finally {
    closeSync(fd);
  }
  return true;
}
