/**
 * What `plas run` tells a researcher at the end: each expectation's verdict, a warning that quick verdicts are a
 * smoke test, `--fail-on` as exit code 3, and one JSON document for scripts (`run --json`, `report --json`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, plas, tempDir } from './helpers.ts';

interface Outcome {
  verdict: 'PASSED' | 'FAILED' | 'INCONCLUSIVE';
  text: string;
}

describe('plas run and plas report tell the verdicts', () => {
  const store = tempDir('verdict-store');
  const out = tempDir('verdict-reports');
  let json: Awaited<ReturnType<typeof plas>>;
  let doc: { experiment: { name: string; profile: string }; cells: { total: number }; expectations: Outcome[]; exitCode: number; report: { markdown: string } };

  beforeAll(async () => {
    json = await plas(['run', fixture('tiny-warm-start.plas'), '--store', store, '--out', out, '--workers', '2', '--json', '--fail-on', 'inconclusive']);
    doc = JSON.parse(json.stdout) as typeof doc;
  });

  it('prints one JSON document on stdout and the progress on stderr', () => {
    expect(doc.experiment.name).toBe('tiny_warm_start');
    expect(doc.cells.total).toBe(9);
    expect(doc.report.markdown).toMatch(/tiny_warm_start\/report\.md$/);
    expect(doc.expectations.map((e) => e.text)).toEqual(['fresh - warm > 0']);
    expect(json.stderr).toMatch(/cells: 9 \(0 cached, 9 to run on 2 workers\)/);
    expect(json.stderr).toMatch(/expectations:\n {2}(PASSED|FAILED|INCONCLUSIVE) +fresh - warm > 0 /);
  });

  it('exits 3 exactly when a verdict meets --fail-on inconclusive', () => {
    const meets = doc.expectations.some((e) => e.verdict !== 'PASSED');
    expect(json.code).toBe(meets ? 3 : 0);
    expect(doc.exitCode).toBe(json.code);
  });

  it('applies --fail-on failed to FAILED verdicts only (cached rerun), and report --json agrees', async () => {
    const rerun = await plas(['run', fixture('tiny-warm-start.plas'), '--store', store, '--out', out, '--fail-on', 'failed']);
    const failed = doc.expectations.some((e) => e.verdict === 'FAILED');
    expect(rerun.code).toBe(failed ? 3 : 0);
    expect(rerun.stdout).toMatch(/9 cells: 9 cached, 0 completed/);
    const report = await plas(['report', '--store', store, '--out', out, '--json']);
    expect(report.code).toBe(0);
    const summaries = (JSON.parse(report.stdout) as { reports: { expectations: Outcome[] }[] }).reports;
    expect(summaries[0]?.expectations.map((e) => e.verdict)).toEqual(doc.expectations.map((e) => e.verdict));
  });

  it('warns in the quick profile that verdicts are a smoke test', async () => {
    const quick = await plas(['run', fixture('tiny-warm-start.plas'), '--quick', '--store', store, '--out', out, '--no-report']);
    expect(quick.stdout).toMatch(/quick profile: a smoke test of the pipeline .* its verdicts are not findings/);
    expect(quick.stdout).toMatch(/expectations \(quick profile: a smoke test, not a finding\):/);
  });
});
