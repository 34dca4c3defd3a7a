import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorPersistence, FailureRecordSchema } from './ErrorPersistence';

describe('ErrorPersistence', () => {
  it('appends one validated NDJSON line per record', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'errs-'));
    const ep = new ErrorPersistence('run-1', dir);
    ep.record({ severity: 'fatal', classification: 'input', actionTaken: 'aborted-run', stage: 'validation', file: 'x.sav', message: 'x.sav is empty' });
    ep.record({ severity: 'warning', classification: 'agent', actionTaken: 'dropped-item', agent: 'CrosstabAgent', message: 'column dropped' });
    const lines = readFileSync(ep.filePath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const first = FailureRecordSchema.parse(JSON.parse(lines[0]!));
    expect(first).toMatchObject({ runId: 'run-1', stage: 'validation', severity: 'fatal' });
    expect(ep.records()).toHaveLength(2);
  });

  it('keeps an invalid record as an internal error instead of dropping it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'errs-'));
    const ep = new ErrorPersistence('run-2', dir);
    const rec = ep.record({ severity: 'bogus' as never, classification: 'input', actionTaken: 'continued', message: 'm' });
    expect(rec.classification).toBe('internal');
    expect(readFileSync(ep.filePath, 'utf8')).toContain('invalid failure record');
  });
});
