import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../pipeline/pipelineHarness';
import { HOSTILE, RAW_CONTROL } from './runs/hostileLines';
import { REPO, makeDataset, runCli, singleStdoutLine } from './cliHarness';

const PULSE_SAV = path.join(REPO, 'examples/employee-pulse/employee-pulse.sav');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-hostile-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Files anywhere under `dir` (to prove nothing was written). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Bad usage found before the run: exit 2, one `error:` line naming the problem, nothing on stdout, no stage started. */
async function expectRefused(args: string[], problem: RegExp): Promise<void> {
  const r = await runCli(args, { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(problem);
  expect(r.stderr).not.toContain('▸ [1/11]');
}

describe.concurrent('hostile paths and names', () => {
  it('--run-id that climbs out of the output root is refused, and nothing is written', async () => {
    const root = path.join(tmp, 'root-climb');
    const dataset = makeDataset(path.join(tmp, 'ds-climb'), { 'pulse.sav': PULSE_SAV });
    await expectRefused([dataset, '--out-root', root, '--run-id', '../../escaped'], /--run-id must be one folder name/);
    expect(filesUnder(tmp).filter((f) => f.includes('escaped'))).toEqual([]);
  });

  it.each(['', '.', '..', 'a/b', 'x\\y', ' lead', 'a'.repeat(129)])('--run-id %j is refused', async (id) => {
    const dataset = makeDataset(path.join(tmp, `ds-id-${id.length}-${id.charCodeAt(0) || 0}`), { 'pulse.sav': PULSE_SAV });
    await expectRefused([dataset, '--out-root', path.join(tmp, 'root-ids'), '--run-id', id], /--run-id must be one folder name/);
    expect(filesUnder(dataset).map((f) => path.basename(f))).toEqual(['pulse.sav']);
  });

  it('--out pointing at a file is refused before the run', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    await expectRefused([makeDataset(path.join(tmp, 'ds-file'), { 'pulse.sav': PULSE_SAV }), '--out', file], /is a file/);
  });

  it('--out under a file is refused before the run', async () => {
    const file = path.join(tmp, 'another-file');
    writeFileSync(file, 'x');
    await expectRefused([makeDataset(path.join(tmp, 'ds-under-file'), { 'pulse.sav': PULSE_SAV }), '--out', path.join(file, 'run')], /is a file|not a folder/);
  });

  it('--out holding an earlier run’s files is refused (runs never mix their files)', async () => {
    const out = path.join(tmp, 'used-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'crosstabs.xlsx'), 'old');
    await expectRefused([makeDataset(path.join(tmp, 'ds-used'), { 'pulse.sav': PULSE_SAV }), '--out', out], /already holds files/);
  });

  it('a .sav that is a symbolic link is followed', async () => {
    const dir = path.join(tmp, 'ds-linked-sav');
    mkdirSync(dir, { recursive: true });
    symlinkSync(PULSE_SAV, path.join(dir, 'linked.sav'));
    const r = await runCli([dir, '--out', path.join(tmp, 'out-linked')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(parseLine(singleStdoutLine(r.stdout)).outcome).toBe('success');
  });

  it('a dataset folder named with terminal control characters is shown escaped on stderr', async () => {
    const dataset = makeDataset(path.join(tmp, `ds${HOSTILE.replace(/\0/g, '')}`), { 'pulse.sav': PULSE_SAV });
    const r = await runCli([dataset, '--out-root', path.join(tmp, 'root-controls')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain(String.raw`ds\x1b]0;T\x07\x1b[2J\x9b\u202e\r\x08\x7f\u2028\n`);
    expect(parseLine(singleStdoutLine(r.stdout)).dataset).toBe(`ds${HOSTILE.replace(/\0/g, '')}`);
  });

  it('a dataset folder that is a looping symbolic link says so', async () => {
    const loop = path.join(tmp, 'loop');
    symlinkSync(loop, loop);
    const r = await runCli([loop, '--out', path.join(tmp, 'out-loop')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: .*loop is a symbolic link that loops$/m);
  });

  it('a dataset folder that is a broken symbolic link says so', async () => {
    const broken = path.join(tmp, 'broken');
    symlinkSync(path.join(tmp, 'nothing-here'), broken);
    const r = await runCli([broken, '--out', path.join(tmp, 'out-broken')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: .*broken is a symbolic link to something that does not exist$/m);
  });
});
