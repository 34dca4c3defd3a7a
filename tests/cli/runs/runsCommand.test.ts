import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalLine } from '@/lib/observability';
import { formatCount, formatLocalTime, formatMs } from '@/lib/cli/runs/runFormat';
import { makeRunsFixture, runs, tableRows, type Role, type RunsFixture } from './runsLog';

let fx: RunsFixture;

beforeAll(async () => {
  fx = await makeRunsFixture();
});
afterAll(() => {
  if (fx?.tmp) rmSync(fx.tmp, { recursive: true, force: true });
});

/** The real runs, in the order they ran. */
const ROLES: Role[] = ['pulse', 'brand', 'partial', 'failed', 'cancelled'];

describe('runs (list) on a log mixing canonical lines with other output', () => {
  it("lists every readable run once, oldest first, with the line's figures, and skips the bad lines with one note", async () => {
    const out = await runs([fx.log]);
    expect(out.code).toBe(0);
    const [header, ...rows] = tableRows(out.stdout);
    expect(header).toEqual(['time', 'run id', 'dataset', 'org', 'source', 'outcome', 'duration', 'calls', 'tokens', 'cost', 'tables', 'warnings']);
    // Five real runs plus the schema 2 line; the broken, unknown-version and schema-breaking lines are not rows.
    expect(rows.map((r) => r[1])).toEqual(inStartOrder([...ROLES.map((role) => fx.lines[role].pipelineId), fx.v2.id]));
    for (const role of ROLES) {
      const line = fx.lines[role];
      const row = rows.find((r) => r[1] === line.pipelineId)!;
      expect(row).toEqual([
        formatLocalTime(line.startedAt),
        line.pipelineId,
        line.dataset,
        line.orgId ?? '-',
        line.source,
        line.outcome,
        formatMs(line.durationMs),
        formatCount(line.totals.agentCalls),
        formatCount(line.totals.totalTokens),
        '$0',
        formatCount(line.totals.tableCount),
        formatCount(line.warnings?.count ?? 0),
      ]);
    }
    expect(rows.find((r) => r[1] === fx.v2.id)?.at(-1)).toBe('-'); // schema 2 lines carry no warnings count
    expect(out.stdout).not.toContain(fx.unknownVersionId);
    expect(out.stdout).not.toContain('no-totals-run');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^skipped 3 lines: /);
    expect(out.stderr).toContain('1 broken JSON (');
    expect(out.stderr).toContain(`1 unknown schema version (${fx.log}:10: schemaVersion 99)`);
    expect(out.stderr).toContain(`1 not matching the schema (${fx.log}:12: totals:`);
  });

  it('the real runs are the five outcomes asked for', () => {
    expect(ROLES.map((r) => fx.lines[r].outcome)).toEqual(['success', 'success', 'partial', 'error', 'cancelled']);
    expect(fx.lines.partial.warnings?.count).toBeGreaterThan(0);
  });

  it('--json lists the same runs with raw figures and the skipped lines by reason', async () => {
    const out = await runs([fx.log, '--json']);
    expect(out.code).toBe(0);
    const parsed = JSON.parse(out.stdout) as { runs: Array<Record<string, unknown>>; skipped: { count: number; byReason: Record<string, { count: number }> } };
    expect(parsed.runs).toHaveLength(6);
    for (const role of ROLES) {
      const line = fx.lines[role];
      expect(parsed.runs.find((r) => r.runId === line.pipelineId)).toMatchObject({
        startedAt: line.startedAt,
        dataset: line.dataset,
        orgId: line.orgId ?? null,
        outcome: line.outcome,
        durationMs: line.durationMs,
        agentCalls: line.totals.agentCalls,
        totalTokens: line.totals.totalTokens,
        costUsd: line.totals.costUsd,
        tables: line.totals.tableCount,
        warnings: line.warnings?.count ?? 0,
        schemaVersion: 4,
      });
    }
    expect(parsed.runs.find((r) => r.runId === fx.lines.failed.pipelineId)?.error).toBe(`${fx.lines.failed.error!.type}: ${fx.lines.failed.error!.message}`);
    expect(parsed.skipped.count).toBe(3);
    expect(Object.fromEntries(Object.entries(parsed.skipped.byReason).map(([k, v]) => [k, v.count]))).toEqual({
      'broken JSON': 1,
      'unknown schema version': 1,
      'not matching the schema': 1,
    });
  });

  it('reads the run folders under --out-root, and a run seen in a log and in its folder once', async () => {
    const root = await runs(['--out-root', fx.outRoot, '--json']);
    expect(root.code).toBe(0);
    expect(root.stderr).toBe('');
    const ids = (JSON.parse(root.stdout) as { runs: Array<{ runId: string; origin: string }> }).runs.map((r) => r.runId);
    expect(ids.sort()).toEqual(ROLES.map((r) => fx.lines[r].pipelineId).sort());
    const both = await runs([fx.log, fx.outRoot, '--json']);
    expect((JSON.parse(both.stdout) as { runs: unknown[] }).runs).toHaveLength(6);
  });

  it('reads stdin when it is piped', async () => {
    const out = await runs(['--json'], { stdin: `noise\n${fx.texts.brand}\nmore noise\n` });
    expect(out.code).toBe(0);
    const parsed = JSON.parse(out.stdout) as { runs: Array<{ runId: string; origin: string }> };
    expect(parsed.runs.map((r) => [r.runId, r.origin])).toEqual([[fx.lines.brand.pipelineId, 'stdin:2']]);
  });

  it('exits 1 when nothing readable was found, and 2 on bad usage or a missing file', async () => {
    expect(await runs([fx.quietLog])).toMatchObject({ code: 1, stdout: '', stderr: `no readable canonical lines in ${fx.quietLog}\n` });
    const onlyBad = await runs(['-'], { stdin: '{"kind":"pipeline.run","schemaVersion":99}\n{"kind":"pipeline.run",\n' });
    expect(onlyBad.code).toBe(1);
    expect(onlyBad.stderr).toContain('skipped 2 lines: ');
    expect(await runs(['--out-root', `${fx.tmp}/nowhere`])).toMatchObject({ code: 1 });
    expect((await runs([`${fx.tmp}/missing.log`])).code).toBe(2);
    expect((await runs(['--bogus'])).code).toBe(2);
    expect((await runs([fx.log, '--limit', '0'])).code).toBe(2);
    expect((await runs(['--out-root', fx.outRoot, fx.log])).code).toBe(2);
    const help = await runs(['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run -s runs');
  });
});

describe('filters', () => {
  const ids = async (argv: string[], now?: Date): Promise<string[]> => {
    const out = await runs([fx.log, '--json', ...argv], { now });
    expect(out.code, out.stderr).toBe(0);
    return (JSON.parse(out.stdout) as { runs: Array<{ runId: string }> }).runs.map((r) => r.runId);
  };
  const id = (role: Role): string => fx.lines[role].pipelineId;

  it('by outcome, dataset and org', async () => {
    expect(await ids(['--outcome', 'partial,error'])).toEqual([id('partial'), id('failed')]);
    expect(await ids(['--outcome', 'cancelled'])).toEqual([id('cancelled')]);
    expect(await ids(['--dataset', 'brand-tracker'])).toEqual([id('brand'), id('cancelled')]);
    expect(await ids(['--org', 'acme'])).toEqual([id('partial')]);
    expect(await ids(['--org', 'acme,globex', '--outcome', 'error'])).toEqual([id('failed')]);
    expect(await ids(['--limit', '2'])).toEqual([id('failed'), id('cancelled')]);
  });

  it('by time: ISO bounds and ages before now', async () => {
    const brandStart = fx.lines.brand.startedAt;
    expect(await ids(['--until', brandStart])).toEqual(inStartOrder([id('pulse'), fx.v2.id]));
    expect(await ids(['--since', brandStart, '--outcome', 'success,partial,error'])).toEqual([id('brand'), id('partial'), id('failed')]);
    const now = new Date(Date.parse(fx.lines.cancelled.startedAt) + 3_600_000);
    expect(await ids(['--since', '2h'], now)).toHaveLength(6);
    expect(await ids(['--since', '30m'], now)).toEqual([]);
    expect(await ids(['--until', '30m'], now)).toHaveLength(6);
  });

  it('no match is not an error; a bad filter is bad usage', async () => {
    const none = await runs([fx.log, '--dataset', 'nothing-here']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no runs match the filters (6 read)');
    expect((await runs([fx.log, '--outcome', 'failed'])).code).toBe(2);
    expect((await runs([fx.log, '--since', 'yesterday'])).code).toBe(2);
  });
});

/** Run ids in start order (the schema 2 copy started with the pulse run; the id breaks the tie). */
function inStartOrder(ids: string[]): string[] {
  const lineOf = (runId: string): CanonicalLine => (runId === fx.v2.id ? fx.lines.pulse : Object.values(fx.lines).find((l) => l.pipelineId === runId)!);
  return [...ids].sort((a, b) => Date.parse(lineOf(a).startedAt) - Date.parse(lineOf(b).startedAt) || a.localeCompare(b));
}
