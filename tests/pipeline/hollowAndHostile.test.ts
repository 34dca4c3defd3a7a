import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { captureCanonicalLines, EXAMPLES, readFailureRecords } from './pipelineHarness';

const PSPP = '/usr/bin/pspp';
let tmp: string;
let lines: ReturnType<typeof captureCanonicalLines>;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-hollow-'));
  lines = captureCanonicalLines();
});

afterAll(() => {
  lines?.restore();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('results that are empty by construction are never silent', () => {
  it.skipIf(!existsSync(PSPP))('all weights 0: a warning for the weights and one for the tables whose every base is 0', async () => {
    const dir = path.join(tmp, 'zero-weights');
    mkdirSync(dir, { recursive: true });
    const syntax = path.join(tmp, 'zero.sps');
    writeFileSync(
      syntax,
      [
        `GET FILE="${path.join(EXAMPLES, 'employee-pulse', 'employee-pulse.sav')}".`,
        'COMPUTE zw = 0.',
        'FORMATS zw (F1.0).',
        'WEIGHT BY zw.',
        `SAVE OUTFILE="${path.join(dir, 'zero.sav')}".`,
      ].join('\n'),
    );
    execFileSync(PSPP, [syntax], { stdio: 'pipe' });
    const out = path.join(tmp, 'out-zero');
    const progress: string[] = [];
    const result = await runPipeline({
      lineSink: lines.sink,
      inputs: { datasetDir: dir },
      outputDir: out,
      runId: 'zero-weights',
      source: 'cli',
      progress: (l) => void progress.push(l),
    });
    expect(result.outcome).not.toBe('error');
    const warnings = readFailureRecords(out)
      .filter((r) => r.severity === 'warning')
      .map((r) => r.message);
    expect(warnings.some((m) => m.includes('zw is 0 (or missing) for every case'))).toBe(true);
    expect(warnings.some((m) => /tables have a base of 0 in every column/.test(m))).toBe(true);
    // The same warnings reach the run's result (the CLI prints them at the end) and the canonical line.
    expect(result.warnings?.filter((w) => /weight variable zw|base of 0/.test(w.message))).toHaveLength(2);
    const line = JSON.parse(lines.byRun('zero-weights')[0]!) as { warnings?: { count: number; first: Array<{ message: string }> } };
    expect(line.warnings?.first.some((w) => w.message.includes('zw is 0'))).toBe(true);
  });
});

describe('an export that fails leaves nothing that looks complete', () => {
  it('the workbook cannot be written: outcome error, no tables.json left behind', async () => {
    const out = path.join(tmp, 'out-export-fails');
    // A folder where the workbook file should go makes the workbook write fail after tables.json was written.
    mkdirSync(path.join(out, 'crosstabs.xlsx'), { recursive: true });
    const dir = path.join(tmp, 'pulse');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(EXAMPLES, 'employee-pulse', 'employee-pulse.sav'), path.join(dir, 'employee-pulse.sav'));
    const result = await runPipeline({ lineSink: lines.sink, inputs: { datasetDir: dir }, outputDir: out, runId: 'export-fails', source: 'cli' });
    expect(result.outcome).toBe('error');
    expect(result.error?.stage).toBe('ExcelExport');
    expect(existsSync(path.join(out, 'tables.json'))).toBe(false);
    expect(existsSync(path.join(out, 'pipeline-summary.json'))).toBe(true);
    expect(lines.byRun('export-fails')).toHaveLength(1);
  });
});
