import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvelopeServer } from '../support/envelopeServer';
import { repeatedCodes, savBytes, type SavBytesSpec } from '../support/savBytes';
import { parseLine, readFailureRecords } from '../pipeline/pipelineHarness';
import { REPO, runCli, singleStdoutLine } from './cliHarness';

const RUN_LIMIT_MS = 120_000;
let tmp: string;
let sentry: EnvelopeServer;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-limits-'));
  sentry = await EnvelopeServer.start('ok');
});

afterAll(async () => {
  await sentry.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function dataset(name: string, spec: SavBytesSpec): string {
  const dir = path.join(tmp, 'inputs', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.sav`), savBytes(spec));
  return dir;
}

async function exceptionsOf(pipelineId: string): Promise<Array<{ type: string; value: string }>> {
  await sentry.waitFor(() => sentry.events().some((e) => (e.tags as Record<string, string>).pipeline_id === pipelineId), 10_000);
  const events = sentry.events().filter((e) => (e.tags as Record<string, string>).pipeline_id === pipelineId);
  expect(events).toHaveLength(1);
  return ((events[0]!.exception as { values?: Array<{ type: string; value: string }> } | undefined)?.values ?? []).map(({ type, value }) => ({ type, value }));
}

describe('CLI runs over an input limit', () => {
  it('a few KB of ZLIB that goes on past the cell limit: exit 1, one line saying which limit and by how much, its line and event', async () => {
    const input = dataset('past-limit', { variables: 1, declaredCases: -1, codes: repeatedCodes(30_000_000, 1), compression: 'zlib' });
    const out = path.join(tmp, 'out', 'past-limit');
    const r = await runCli([input, '--out', out], { timeoutMs: RUN_LIMIT_MS, env: { SENTRY_DSN: sentry.dsn() } });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    const message =
      'past-limit.sav holds at least 25,000,001 cells (25,000,001 cases × 1 variable read before stopping), over the limit of 25,000,000 (SAV_MAX_CELLS)';
    // The terminal names the file as it was given; what leaves the machine names it relative to the dataset folder.
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error: '))).toEqual([`error: ${path.join(input, message)}`]);
    expect(r.stderr).not.toContain('    at ');
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line).toMatchObject({ outcome: 'error', error: { type: 'InputLimitError', stage: 'validation', message } });
    expect(readFailureRecords(out).filter((x) => x.severity === 'fatal')).toMatchObject([{ classification: 'input', message }]);
    expect(await exceptionsOf(line.pipelineId)).toContainEqual({ type: 'InputLimitError', value: message });
  });

  it('MAX_TABLES: a run that would make more tables stops at TableGenerator with its line and event', async () => {
    const out = path.join(tmp, 'out', 'tables');
    const r = await runCli([path.join(REPO, 'examples/brand-tracker'), '--out', out], {
      timeoutMs: RUN_LIMIT_MS,
      env: { SENTRY_DSN: sentry.dsn(), MAX_TABLES: '5' },
    });
    expect(r.code, r.stderr).toBe(1);
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line).toMatchObject({ outcome: 'error', error: { type: 'InputLimitError', stage: 'TableGenerator' } });
    expect(line.error?.message).toMatch(/^The data makes at least 6 tables \(from the first \d+ of \d+ questions\), over the limit of 5 \(MAX_TABLES\)$/);
    expect(existsSync(path.join(out, 'crosstabs.xlsx'))).toBe(false);
    expect((await exceptionsOf(line.pipelineId)).map((e) => e.type)).toContain('InputLimitError');
  });

  it('the 72 KB kind of file, 16.8 million cases within the limits: it runs to the end, with its line and event', async () => {
    const input = dataset('bomb', { variables: 1, declaredCases: 16_800_000, codes: repeatedCodes(16_800_000, 1), compression: 'zlib' });
    const out = path.join(tmp, 'out', 'bomb');
    const r = await runCli([input, '--out', out], { timeoutMs: RUN_LIMIT_MS, env: { SENTRY_DSN: sentry.dsn() } });
    expect(r.code, r.stderr).toBe(0);
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line).toMatchObject({ outcome: 'success', input: { rows: 16_800_000, variables: 1 } });
    expect(await exceptionsOf(line.pipelineId)).toEqual([]);
  });
});
