import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { HOSTILE, RAW_CONTROL } from '../cli/runs/hostileLines';
import { captureCanonicalLines, EXAMPLES } from './pipelineHarness';

let tmp: string;
let lines: ReturnType<typeof captureCanonicalLines>;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-progress-'));
  lines = captureCanonicalLines();
});
afterAll(() => {
  lines?.restore();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('progress lines', () => {
  it('show control characters of a dataset folder name as visible escapes', async () => {
    const dir = path.join(tmp, `pulse${HOSTILE.replace(/\0/g, '')}`);
    mkdirSync(dir);
    copyFileSync(path.join(EXAMPLES, 'employee-pulse', 'employee-pulse.sav'), path.join(dir, 'employee-pulse.sav'));
    const progress: string[] = [];
    const result = await runPipeline({
      lineSink: lines.sink,
      inputs: { datasetDir: dir },
      outputDir: path.join(tmp, 'out'),
      runId: 'hostile-folder',
      source: 'cli',
      progress: (l) => void progress.push(l),
    });
    expect(result.outcome).toBe('success');
    expect(progress.filter((l) => RAW_CONTROL.test(l))).toEqual([]);
    expect(progress[0]).toContain(String.raw`on "pulse\x1b]0;T\x07\x1b[2J\x9b\u202e\r\x08\x7f\u2028\n"`);
  });
});
