import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { EXAMPLES, captureCanonicalLines, parseLine, readFailureRecords } from './pipelineHarness';
import { runCli, singleStdoutLine } from '../cli/cliHarness';

let tmp: string;
const lines = captureCanonicalLines();
/** A plan with one group the data cannot answer: its columns name a variable that does not exist. */
const PLAN = [
  '# Banner',
  '',
  '## Gender',
  '- Male (S1 = 1)',
  '- Female (S1 = 2)',
  '',
  '## Loyalty tier',
  '- Gold loyalty members',
  '- Silver loyalty members',
  '',
].join('\n');

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-dropped-'));
  const dir = path.join(tmp, 'tracker');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(EXAMPLES, 'brand-tracker', 'brand-tracker.sav'), path.join(dir, 'brand-tracker.sav'));
  writeFileSync(path.join(dir, 'banner.md'), PLAN);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('part of the banner cannot be mapped', () => {
  it('is never silent: the run is partial, the line, errors.ndjson and the CLI say what was dropped', async () => {
    const out = path.join(tmp, 'out');
    const result = await runPipeline({
      lineSink: lines.sink,
      inputs: { datasetDir: path.join(tmp, 'tracker') },
      outputDir: out,
      runId: 'dropped',
      source: 'cli',
    });
    const line = parseLine(lines.byRun('dropped')[0]);
    if (result.outcome === 'error') {
      // Every column unreadable is an input error at CrosstabAgent; a readable group must survive, so this is not expected.
      throw new Error(`the run failed instead of dropping the group: ${result.error?.message}`);
    }
    expect(result.outcome).toBe('partial');
    expect(line.outcome).toBe('partial');
    expect(line.warnings?.dropped).toBeGreaterThan(0);
    expect(line.warnings?.first.some((w) => w.action === 'dropped-item' && /Gold|Silver|Loyalty|loyalty/.test(w.message))).toBe(true);
    const dropped = readFailureRecords(out).filter((r) => r.actionTaken === 'dropped-item');
    expect(dropped.length).toBeGreaterThan(0);
    expect(result.warnings?.some((w) => w.action === 'dropped-item')).toBe(true);

    const cli = await runCli([path.join(tmp, 'tracker'), '--out', path.join(tmp, 'cli-out')], { timeoutMs: 90_000 });
    expect(cli.code, cli.stderr).toBe(0);
    const cliLine = parseLine(singleStdoutLine(cli.stdout));
    expect(cliLine.outcome).toBe('partial');
    expect(cliLine.warnings?.dropped).toBe(line.warnings?.dropped);
    expect(cli.stderr).toMatch(/^! warning \(CrosstabAgent\): .*(Gold|Silver|Loyalty|loyalty)/m);
    expect(cli.stderr).toContain('part of what was asked for is missing');
  }, 120_000);
});
