import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../pipeline/pipelineHarness';
import { MAX_KEPT_NAME, MAX_KEPT_TEXT } from '@/lib/cli/runs/readLimits';
import { line } from './hostileLines';

/** The reader's JavaScript heap in these runs, in MiB: the log is four times that. */
const HEAP_MIB = 64;
const MiB = 1024 * 1024;
/** Runs in the log, each line 128 KiB (within the writer's 192 KiB budget): half a dataset name, half a stage name. */
const RUNS = 1_000;
const HALF = 64 * 1024;

let tmp: string;
let log: string;

/** Write the log in pieces: runs among other output, a 64 MiB canonical line and a 64 MiB line of other output. */
function writeLog(file: string): void {
  const fd = openSync(file, 'w');
  const stages = [{ name: 's'.repeat(HALF), status: 'ok', startOffsetMs: 0, durationMs: 30 }];
  const template = JSON.stringify(line({ pipelineId: '@ID@', startedAt: '@AT@', dataset: 'd'.repeat(HALF), stages }));
  for (let i = 0; i < RUNS; i += 1) {
    const at = new Date(Date.UTC(2025, 5, 1) + i * 60_000).toISOString();
    writeSync(fd, `GET /runs/${i} 200 in 3ms\n${template.replace('@ID@', `run-${i}`).replace('@AT@', at)}\n`);
    if (i === RUNS / 2) {
      writeSync(fd, `${JSON.stringify(line({ pipelineId: 'huge-run' })).slice(0, -1)},"blob":"`);
      for (let m = 0; m < 64; m += 1) writeSync(fd, 'b'.repeat(MiB));
      writeSync(fd, '"}\n');
      for (let m = 0; m < 64; m += 1) writeSync(fd, 'n'.repeat(MiB));
      writeSync(fd, '\n');
    }
  }
  closeSync(fd);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-runs-memory-'));
  log = path.join(tmp, 'big.log');
  writeLog(log);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `runs <args>` as a process whose heap is capped at HEAP_MIB (exceeding it ends the process with a fatal error). */
function runsCapped(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO, 'tsconfig.json') };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MIB}`, '--import', 'tsx', 'scripts/runs.ts', ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const NOTE = /^skipped 1 line: 1 line too long \(.*big\.log:\d+: longer than 8 MiB\)\n$/;

describe(`a ${Math.round((RUNS * 128) / 1024) + 128} MiB log read with a ${HEAP_MIB} MiB heap`, { timeout: 60_000 }, () => {
  it('list: every run, one note for the long canonical line', async () => {
    const out = await runsCapped(['list', log]);
    expect(out.code, out.stderr.slice(0, 2000)).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RUNS + 1);
    // Each dataset name is shown cut to what the reader keeps of a field.
    expect(lines[1]).toContain(`${'d'.repeat(MAX_KEPT_TEXT)}…`);
    expect(lines[1]).not.toContain('d'.repeat(MAX_KEPT_TEXT + 1));
    expect(out.stderr).toMatch(NOTE);
  });

  it('stats: one row for the one stage name, cut', async () => {
    const out = await runsCapped(['stats', log, '--json']);
    expect(out.code, out.stderr.slice(0, 2000)).toBe(0);
    const stats = JSON.parse(out.stdout) as { runs: number; stages: Array<{ name: string; ran: number }> };
    expect([stats.runs, stats.stages.length, stats.stages[0]?.ran]).toEqual([RUNS, 1, RUNS]);
    expect(stats.stages[0]?.name).toBe(`${'s'.repeat(MAX_KEPT_NAME)}…`);
    expect(out.stderr).toMatch(NOTE);
  });

  it('show: the one run asked for, as written', async () => {
    const out = await runsCapped(['show', 'run-700', log, '--json']);
    expect(out.code, out.stderr.slice(0, 2000)).toBe(0);
    const shown = JSON.parse(out.stdout) as { pipelineId: string; dataset: string };
    expect([shown.pipelineId, shown.dataset.length]).toEqual(['run-700', HALF]);
  });
});
