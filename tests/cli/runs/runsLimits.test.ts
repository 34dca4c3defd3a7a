import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deeplyNested, line, logOf, manyStages } from './hostileLines';
import { runs } from './runsInProcess';

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-runs-limits-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const MiB = 1024 * 1024;
const first = line({ pipelineId: 'first-run', startedAt: '2025-06-01T09:00:00.000Z' });
const last = line({ pipelineId: 'last-run', startedAt: '2025-06-01T12:00:00.000Z' });

/** The run ids `list --json` read. */
async function listed(argv: string[], stdin?: string): Promise<{ ids: string[]; stderr: string; code: number }> {
  const out = await runs(['list', ...argv, '--json'], stdin === undefined ? {} : { stdin });
  const ids = out.stdout ? (JSON.parse(out.stdout) as { runs: Array<{ runId: string }> }).runs.map((r) => r.runId) : [];
  return { ids, stderr: out.stderr, code: out.code };
}

describe('lines the reader will not hold', () => {
  it('a canonical line over 8 MiB amid good runs is skipped with one note; a long line of other output is ignored', async () => {
    const log = path.join(tmp, 'long.log');
    const huge = JSON.stringify(line({ pipelineId: 'huge-run', dataset: 'x'.repeat(9 * MiB) }));
    writeFileSync(log, logOf(first, 'n'.repeat(9 * MiB), huge, last));
    const out = await listed([log]);
    expect(out.code).toBe(0);
    expect(out.ids).toEqual(['first-run', 'last-run']);
    expect(out.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^skipped 1 line: 1 line too long \(.*long\.log:3: longer than 8 MiB\)$/)]);
    const text = await runs(['list', log]);
    expect(text.stdout).not.toContain('huge-run');
  });

  it('an over-long last line without a newline is skipped as well', async () => {
    const huge = JSON.stringify(line({ pipelineId: 'huge-run', dataset: 'x'.repeat(9 * MiB) }));
    const out = await listed(['-'], logOf(first, last) + huge);
    expect(out.ids).toEqual(['first-run', 'last-run']);
    expect(out.stderr).toMatch(/^skipped 1 line: 1 line too long \(stdin:3: /);
  });

  it('the skipped-lines note quotes at most 500 characters of where and why', async () => {
    const out = await listed(['-'], logOf(first, line({ pipelineId: 'bad-key', agents: { ['k'.repeat(100_000)]: { calls: 'many' } } })));
    expect(out.ids).toEqual(['first-run']);
    expect(out.stderr).toMatch(/^skipped 1 line: 1 not matching the schema \(stdin:2: agents\.kkkk/);
    expect(out.stderr.length).toBeLessThan(600);
  });

  it('100,000 levels of nesting are skipped before parsing; 30 levels in an extra field are read', async () => {
    const shallow = `${JSON.stringify(line({ pipelineId: 'shallow-run' })).slice(0, -1)},"nest":${'['.repeat(30)}${']'.repeat(30)}}`;
    const out = await listed(['-'], logOf(first, deeplyNested(100_000), shallow, last));
    expect(out.code).toBe(0);
    expect(out.ids).toEqual(['first-run', 'shallow-run', 'last-run']);
    expect(out.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^skipped 1 line: 1 nested too deep \(stdin:2: more than 64 levels\)$/)]);
  });

  it('300,000 stages in one line: skipped (too long), and every command still works on the other runs', async () => {
    const stdin = logOf(first, manyStages(300_000, 'stages-run'), last);
    for (const command of ['list', 'stats', 'show']) {
      const out = await runs([command, '-'], { stdin });
      expect(out.code, `${command}: ${out.stderr}`).toBe(0);
      expect(out.stderr).toMatch(/^skipped 1 line: 1 line too long \(stdin:2: /);
      expect(out.stdout).not.toContain('stages-run');
    }
  });

  it('more stages than any run has (20,000 under the size limit) are skipped; 1,000 are read', async () => {
    const out = await listed(['-'], logOf(first, manyStages(20_000, 'many-stages'), manyStages(1_000, 'thousand-stages', true), last));
    expect(out.ids).toEqual(['first-run', 'thousand-stages', 'last-run']);
    expect(out.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^skipped 1 line: 1 too many items \(stdin:2: stages: 20,000 \(at most 1,000\)\)$/),
    ]);
    const show = await runs(['show', 'thousand-stages', '-'], { stdin: logOf(manyStages(1_000, 'thousand-stages', true)) });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('s999');
  });
});

// A guard against quadratic work, not a timing: the old per-name scan over every stage record took minutes here.
describe('stats is linear in stages', { timeout: 30_000 }, () => {
  it('200 runs of 1,000 differently named stages: one row per name, each counted once', async () => {
    const lines = Array.from({ length: 200 }, (_, r) => manyStages(1_000, `run-${r}`, true).replace(/"name":"s(\d+)"/g, `"name":"r${r}s$1"`));
    const out = await runs(['stats', '-', '--json'], { stdin: logOf(...lines) });
    expect(out.code, out.stderr).toBe(0);
    const stats = JSON.parse(out.stdout) as { runs: number; stages: Array<{ name: string; ran: number }> };
    expect(stats.runs).toBe(200);
    expect(stats.stages).toHaveLength(200_000);
    expect(stats.stages.every((s) => s.ran === 1)).toBe(true);
    expect(stats.stages[1_000]?.name).toBe('r1s0');
  });
});
