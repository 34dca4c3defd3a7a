import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '@/lib/core/types';
import type { CanonicalLine } from '@/lib/observability';
import { formatCount, formatMs } from '@/lib/cli/runs/runFormat';
import { makeRunsFixture, runs, type RunsFixture } from './runsLog';

let fx: RunsFixture;

beforeAll(async () => {
  fx = await makeRunsFixture();
});
afterAll(() => {
  if (fx?.tmp) rmSync(fx.tmp, { recursive: true, force: true });
});

/** One waterfall row as printed: the cells left of the axis, the bar, and the note after it. */
interface PrintedRow {
  cells: string[];
  bar: string;
  note: string;
}

/** The waterfall rows of `show` (lines with a bar between │ and │), in printed order. */
function waterfallOf(stdout: string): PrintedRow[] {
  return stdout
    .split('\n')
    .filter((l) => /│.*│/.test(l))
    .map((l) => {
      const open = l.indexOf('│');
      const close = l.lastIndexOf('│');
      return {
        cells: l
          .slice(0, open)
          .trim()
          .split(/\s{2,}/),
        bar: l.slice(open + 1, close),
        note: l.slice(close + 1).trim(),
      };
    });
}

/** The section of `show` that starts with a line equal to `title` (up to the next blank line). */
function section(stdout: string, title: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l === title || l.startsWith(`${title}:`));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The columns a bar fills. */
function filled(bar: string): number[] {
  return [...bar].flatMap((c, i) => (c === ' ' ? [] : [i]));
}

async function show(runId: string, extra: string[] = []): Promise<string> {
  const out = await runs(['show', runId, fx.log, ...extra]);
  expect(out.code, out.stderr).toBe(0);
  return out.stdout;
}

function expectWaterfall(line: CanonicalLine, stdout: string): PrintedRow[] {
  const rows = waterfallOf(stdout);
  expect(rows.map((r) => r.cells[0])).toEqual(line.stages.map((s) => s.name));
  const width = rows[0]!.bar.length;
  const span = Math.max(1, line.durationMs, ...line.stages.map((s) => s.startOffsetMs + s.durationMs));
  line.stages.forEach((stage, i) => {
    const row = rows[i]!;
    expect(row.bar).toHaveLength(width);
    expect(row.cells.slice(1, 3)).toEqual([stage.status, `+${formatMs(stage.startOffsetMs)}`]);
    const cols = filled(row.bar);
    // Each stage sits where it started on the run's time axis.
    expect(cols[0]).toBe(Math.min(width - 1, Math.floor((stage.startOffsetMs / span) * width)));
    const char = { ok: '█', error: '▓', cancelled: '░', skipped: '·' }[stage.status];
    expect(new Set([...row.bar.trim()])).toEqual(new Set([char]));
    if (stage.status === 'skipped') expect(cols).toHaveLength(1);
    // The stage's error or reason follows its bar (long ones clipped with an ellipsis).
    if (stage.status !== 'ok') expect(row.note.length).toBeGreaterThan(0);
    if (stage.status !== 'ok') expect(stage.error ?? stage.reason ?? '').toContain(row.note.replace(/…$/, ''));
  });
  return rows;
}

describe('runs show', () => {
  it('draws every stage of every run on one time axis; concurrent stages overlap', async () => {
    let concurrentPairs = 0;
    for (const line of Object.values(fx.lines)) {
      const stdout = await show(line.pipelineId);
      expect(stdout.split('\n')[0]).toBe(`run ${line.pipelineId}  ${line.dataset}  ${line.outcome}`);
      const rows = expectWaterfall(line, stdout);
      if (rows.length === 0) continue;
      // Stages that ran at the same time for a good part of the axis share columns.
      const column = Math.max(line.durationMs, 1) / rows[0]!.bar.length;
      line.stages.forEach((a, i) =>
        line.stages.forEach((b, j) => {
          if (j <= i || a.status === 'skipped' || b.status === 'skipped') return;
          const overlap = Math.min(a.startOffsetMs + a.durationMs, b.startOffsetMs + b.durationMs) - Math.max(a.startOffsetMs, b.startOffsetMs);
          if (overlap < 2 * column) return;
          concurrentPairs += 1;
          const shared = filled(rows[i]!.bar).filter((c) => filled(rows[j]!.bar).includes(c));
          expect(shared.length, `${a.name} and ${b.name} overlap`).toBeGreaterThan(0);
        }),
      );
    }
    expect(concurrentPairs, 'the runs had concurrent stages').toBeGreaterThan(0);
  });

  it('prints the per-agent rollups, the totals and the first warnings', async () => {
    const line = fx.lines.partial;
    const stdout = await show(line.pipelineId);
    const agents = section(stdout, 'agents')
      .slice(2)
      .map((l) => l.trim().split(/\s{2,}/));
    expect(agents.map((a) => a[0]).sort()).toEqual(Object.keys(line.agents).sort());
    for (const [name, rollup] of Object.entries(line.agents)) {
      const row = agents.find((a) => a[0] === name)!;
      expect(row.slice(1, 5)).toEqual([rollup.calls, rollup.errors, rollup.inputTokens, rollup.outputTokens].map(formatCount));
    }
    const totals = section(stdout, 'totals').join('\n');
    expect(totals).toContain(`agent calls ${formatCount(line.totals.agentCalls)}, tables ${formatCount(line.totals.tableCount)}`);
    expect(totals).toContain(`tokens ${formatCount(line.totals.totalTokens)}:`);
    const warnings = section(stdout, 'warnings');
    expect(warnings[0]).toMatch(new RegExp(`^warnings: ${line.warnings!.count} \\(`));
    const first = line.warnings!.first[0]!;
    expect(warnings[1]).toBe(`  ! [${first.classification}, ${first.action}]${first.stage ? ` ${first.stage}:` : ''} ${first.message}`);
    expect(warnings.filter((l) => l.startsWith('  ! '))).toHaveLength(Math.min(5, line.warnings!.first.length));
  });

  it('marks the failed stage and the cancelled ones, and prints the error with its cause chain', async () => {
    const line = fx.lines.failed;
    const stdout = await show(line.pipelineId);
    expectWaterfall(line, stdout);
    expect(line.stages.some((s) => s.status === 'cancelled')).toBe(true);
    const error = section(stdout, 'error');
    expect(error[1]).toBe(`  ${line.error!.type}: ${line.error!.message} (stage ${line.error!.stage!})`);
    expect(line.error!.causes!.length).toBeGreaterThan(0);
    expect(error.slice(2).map((l) => l.trim())).toEqual(line.error!.causes!.map((c) => `caused by ${c.type}: ${c.message}`));
  });

  it('marks the stages of a cancelled run', async () => {
    const line = fx.lines.cancelled;
    expect(line.stages.some((s) => s.status === 'cancelled')).toBe(true);
    expectWaterfall(line, await show(line.pipelineId));
  });

  it('reads a schema 2 line: its stages are laid end to end, and it says so', async () => {
    const stdout = await show(fx.v2.id);
    const rows = waterfallOf(stdout);
    let at = 0;
    fx.lines.pulse.stages.forEach((stage, i) => {
      expect(rows[i]!.cells.slice(0, 3)).toEqual([stage.name, stage.status, `+${formatMs(at)}`]);
      at += stage.durationMs;
    });
    expect(stdout).toContain('schema 2 lines have no stage start offsets: stages are drawn one after another');
    expect(stdout).toContain('(schema 2)');
  });

  it('finds a run by a unique id prefix, the latest selected one without an id; --json prints the line as written', async () => {
    expect((await show('partial-')).split('\n')[0]).toContain(fx.lines.partial.pipelineId);
    const latest = await runs(['show', fx.log, '--outcome', 'error']);
    expect(latest.stdout.split('\n')[0]).toContain(fx.lines.failed.pipelineId);
    const json = await runs(['show', fx.lines.failed.pipelineId, fx.log, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(fx.texts.failed));
    expect(await runs(['show', 'p', fx.log])).toMatchObject({ code: 2 });
    expect(await runs(['show', 'no-such-run', fx.log])).toMatchObject({ code: 1, stderr: expect.stringContaining('no run no-such-run among the 6 runs read') });
    expect(await runs(['show', fx.lines.brand.pipelineId, fx.log, '--outcome', 'error'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('does not match the filters'),
    });
  });
});

describe('runs stats', () => {
  const real = (): CanonicalLine[] => (['pulse', 'brand', 'partial', 'failed', 'cancelled'] as const).map((r) => fx.lines[r]);

  it('prints a percentile row per stage (run order) and the whole run, per-agent and overall totals', async () => {
    const out = await runs(['stats', fx.outRoot]);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('5 runs (2 success, 1 partial, 1 error, 1 cancelled)');
    expect(lines[2]).toMatch(/^stage\s+ran\s+skipped\s+cancelled\s+p50\s+p90\s+max$/);
    const wholeRun = lines.findIndex((l) => l.startsWith('(whole run)'));
    expect(wholeRun).toBeGreaterThan(3);
    const stageRows = lines.slice(3, wholeRun).map((l) => l.split(/\s{2,}/)[0]);
    expect(stageRows).toEqual(STAGE_NAMES.filter((n) => real().some((l) => l.stages.some((s) => s.name === n))));
    const calls = real().reduce((n, l) => n + l.totals.agentCalls, 0);
    expect(out.stdout).toContain(`totals: ${formatCount(calls)} agent calls,`);
  });

  it("--json: percentiles over the runs each stage ran in, totals equal to the lines' sums", async () => {
    const out = await runs(['stats', fx.outRoot, '--json']);
    const stats = JSON.parse(out.stdout) as {
      runs: number;
      stages: Array<{ name: string; ran: number; skipped: number; cancelled: number; p50Ms: number; p90Ms: number; maxMs: number }>;
      agents: Array<{ agent: string; calls: number; inputTokens: number }>;
      totals: Record<string, number>;
    };
    expect(stats.runs).toBe(5);
    for (const s of stats.stages) {
      const records = real().flatMap((l) => l.stages.filter((r) => r.name === s.name));
      const ran = records.filter((r) => r.status === 'ok' || r.status === 'error').map((r) => r.durationMs);
      expect([s.ran, s.skipped, s.cancelled]).toEqual([
        ran.length,
        records.filter((r) => r.status === 'skipped').length,
        records.filter((r) => r.status === 'cancelled').length,
      ]);
      expect(s.maxMs).toBe(ran.length ? Math.max(...ran) : 0);
      expect(s.p50Ms).toBeLessThanOrEqual(s.p90Ms);
      expect(s.p90Ms).toBeLessThanOrEqual(s.maxMs);
      if (ran.length) expect(ran).toContain(s.p50Ms);
    }
    const sum = (f: (l: CanonicalLine) => number): number => real().reduce((n, l) => n + f(l), 0);
    expect(stats.totals).toMatchObject({
      agentCalls: sum((l) => l.totals.agentCalls),
      totalTokens: sum((l) => l.totals.totalTokens),
      costUsd: 0,
      tables: sum((l) => l.totals.tableCount),
      warnings: sum((l) => l.warnings?.count ?? 0),
    });
    for (const a of stats.agents) expect(a.calls).toBe(sum((l) => l.agents[a.agent]?.calls ?? 0));
    const brand = JSON.parse((await runs(['stats', fx.outRoot, '--dataset', 'brand-tracker', '--json'])).stdout) as { runs: number };
    expect(brand.runs).toBe(2);
  });
});
