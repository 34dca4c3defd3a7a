import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '@/lib/core/types';
import { parseLine, readFailureRecords, workbookTableTitles } from '../pipeline/pipelineHarness';
import { REPO, makeDataset, runCli, singleStdoutLine } from './cliHarness';

let tmp: string;
const BRAND = path.join(REPO, 'examples/brand-tracker');
const PULSE = path.join(REPO, 'examples/employee-pulse');
const SAV = path.join(REPO, 'tests/fixtures/sav');
const RUN_LIMIT_MS = 60_000;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('pipeline CLI', () => {
  it('success: exactly one canonical line on stdout, progress on stderr, outputs under <out-root>/<dataset>/<run-id>', async () => {
    const root = path.join(tmp, 'root');
    const r = await runCli([BRAND, '--out-root', root, '--run-id', 'cli-success'], { timeoutMs: RUN_LIMIT_MS });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    const text = singleStdoutLine(r.stdout);
    const line = parseLine(text);
    expect(line).toMatchObject({ pipelineId: 'cli-success', dataset: 'brand-tracker', source: 'cli', outcome: 'success' });
    expect(line.traceId).toBeUndefined();
    expect(line.stages.map((s) => s.name).sort()).toEqual([...STAGE_NAMES].sort());
    expect(line.totals.agentCalls).toBe(Object.values(line.agents).reduce((n, a) => n + a.calls, 0));
    expect(line.totals.tableCount).toBeGreaterThan(0);

    for (const stage of STAGE_NAMES) expect(r.stderr).toContain(`] ${stage} …`);
    expect(r.stderr).toContain(`Done: ${line.totals.tableCount} tables`);
    expect(r.stdout).not.toContain('▸');
    expect(r.stderr).not.toContain('"kind":"pipeline.run"');

    const dir = path.join(root, 'brand-tracker', 'cli-success');
    expect(readFileSync(path.join(dir, 'wide-event.json'), 'utf8')).toBe(r.stdout);
    expect(await workbookTableTitles(path.join(dir, 'crosstabs.xlsx'))).toHaveLength(line.totals.tableCount);
    expect(existsSync(path.join(dir, 'tables.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'pipeline-summary.json'))).toBe(true);
  });

  it('no arguments is bad usage: exit 2, usage on stderr, nothing on stdout', async () => {
    const r = await runCli([], { timeoutMs: RUN_LIMIT_MS });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: expected exactly one dataset folder/m);
    expect(r.stderr).toContain('Usage:');
  });

  const badInputs: Array<{ name: string; setup: (dir: string) => string; file: string; problem: RegExp }> = [
    { name: 'a missing folder', setup: (dir) => path.join(dir, 'no-such-folder'), file: 'no-such-folder', problem: /does not exist/ },
    {
      name: 'a folder without a .sav',
      setup: (dir) => makeDataset(path.join(dir, 'no-sav'), {}, { 'banner.md': '# Banner\n' }),
      file: 'no-sav',
      problem: /contains no \.sav file/,
    },
    {
      name: 'an empty .sav',
      setup: (dir) => makeDataset(path.join(dir, 'empty'), { 'empty.sav': path.join(SAV, 'empty.sav') }),
      file: 'empty.sav',
      problem: /is empty/,
    },
    {
      name: 'a non-SPSS file named .sav',
      setup: (dir) => makeDataset(path.join(dir, 'not-spss'), { 'data.sav': path.join(SAV, 'not-spss.sav') }),
      file: 'data.sav',
      problem: /not an SPSS \.sav file/,
    },
    {
      name: 'a truncated .sav',
      setup: (dir) => makeDataset(path.join(dir, 'truncated'), { 'truncated.sav': path.join(SAV, 'truncated.sav') }),
      file: 'truncated.sav',
      problem: /truncated or corrupt/,
    },
    {
      name: 'a banner naming unknown variables',
      setup: (dir) =>
        makeDataset(
          path.join(dir, 'bad-banner'),
          { 'employee-pulse.sav': path.join(PULSE, 'employee-pulse.sav') },
          { 'banner.md': '# Banner\n\n## Bogus\n- Col A: NOSUCHVAR=1\n- Col B: NOSUCHVAR=2\n' },
        ),
      file: 'banner.md',
      problem: /NOSUCHVAR.*not in the data/,
    },
  ];

  for (const bad of badInputs) {
    it(`${bad.name}: exit 1, one-line error naming the file, no stack, canonical line with outcome error, errors.ndjson`, async () => {
      const slug = bad.name.replace(/\W+/g, '-');
      const input = bad.setup(path.join(tmp, 'inputs', slug));
      const out = path.join(tmp, 'out', slug);
      const r = await runCli([input, '--out', out], { timeoutMs: RUN_LIMIT_MS });
      expect(r.timedOut).toBe(false);
      expect(r.code, r.stderr).toBe(1);
      const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(bad.file);
      expect(errorLines[0]).toMatch(bad.problem);
      expect(r.stderr).not.toContain('    at ');
      expect(r.stdout).not.toContain('    at ');

      const line = parseLine(singleStdoutLine(r.stdout));
      expect(line.outcome).toBe('error');
      expect(line.error?.type).toBe('PipelineInputError');
      expect(line.error?.message).toContain(bad.file);
      const fatal = readFailureRecords(out).filter((x) => x.severity === 'fatal');
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatchObject({ classification: 'input', actionTaken: 'aborted-run' });
      expect(existsSync(path.join(out, 'crosstabs.xlsx'))).toBe(false);
    });
  }

  // 'process': SIGINT to the CLI's pid only (a supervisor's kill); 'group': to its whole process group, as Ctrl-C in a terminal.
  it.for(['process', 'group'] as const)('SIGINT (%s) once the BannerAgent stage started: exit 130, outcome cancelled, no workbook', async (target) => {
    const out = path.join(tmp, 'out', `sigint-${target}`);
    let sent = false;
    const r = await runCli([BRAND, '--out', out], {
      timeoutMs: RUN_LIMIT_MS,
      processGroup: target === 'group',
      onStderr: (soFar, pid) => {
        if (!sent && soFar.includes('] BannerAgent …')) {
          sent = true;
          process.kill(target === 'group' ? -pid : pid, 'SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(130);
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line.outcome).toBe('cancelled');
    expect(line.error?.type).not.toBe('PipelineInputError');
    expect(r.stderr).toContain('Cancelled after');
    expect(r.stderr.match(/Cancelling the run/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^error: /m);
    expect(existsSync(path.join(out, 'crosstabs.xlsx'))).toBe(false);
    expect(existsSync(path.join(out, 'tables.json'))).toBe(false);
    const summary = JSON.parse(readFileSync(path.join(out, 'pipeline-summary.json'), 'utf8')) as { outcome: string };
    expect(summary.outcome).toBe('cancelled');
  });
});
