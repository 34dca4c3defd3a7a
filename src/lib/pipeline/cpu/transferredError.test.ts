import { describe, expect, it } from 'vitest';
import { describeRunFailure } from '@/lib/errors/runFailure';
import { decideRunEnd } from '@/lib/core/runEnd';
import { InputLimitError, PipelineCancelledError, PipelineInputError } from '@/lib/core/PipelineErrors';
import { reviveError, transferError } from './transferredError';

/** What crosses the thread boundary is structured-cloned: clone it here as postMessage would. */
const acrossThreads = (err: unknown) => reviveError(structuredClone(transferError(err)));

describe('errors thrown in the stage worker arrive as the same errors', () => {
  it('an input error keeps its class, file, stage and cause chain, so the run classifies it the same', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    const original = new PipelineInputError('survey.sav does not exist', { file: 'survey.sav', stage: 'validation', cause: enoent });
    const revived = acrossThreads(original);
    expect(revived).toBeInstanceOf(PipelineInputError);
    const end = (error: unknown) => decideRunEnd({ error, firstFailedStage: 'validation' });
    expect(describeRunFailure(end(revived))).toEqual(describeRunFailure(end(original)));
    const cause = (revived as Error).cause as Error & { code?: string };
    expect([cause.name, cause.message, cause.code]).toEqual(['Error', 'ENOENT: no such file', 'ENOENT']);
    expect((revived as Error).stack).toBe(original.stack);
  });

  it('a limit error keeps its class and the setting it names', () => {
    const original = new InputLimitError('big.sav holds too many cells', { limit: 'SAV_MAX_CELLS', file: 'big.sav', stage: 'validation' });
    const revived = acrossThreads(original);
    expect(revived).toBeInstanceOf(InputLimitError);
    expect([(revived as InputLimitError).limit, (revived as InputLimitError).stage, (revived as Error).name]).toEqual([
      'SAV_MAX_CELLS',
      'validation',
      'InputLimitError',
    ]);
  });

  it('a cancellation is a cancellation; other errors keep their name and message', () => {
    expect(acrossThreads(new PipelineCancelledError())).toBeInstanceOf(PipelineCancelledError);
    const revived = acrossThreads(new RangeError('Invalid array length')) as Error;
    expect([revived.name, revived.message]).toEqual(['RangeError', 'Invalid array length']);
    expect(describeRunFailure(decideRunEnd({ error: revived, firstFailedStage: 'CrosstabComputation' }))).toMatchObject({
      type: 'RangeError',
      classification: 'computation',
      cancelled: false,
    });
  });

  it('a thrown non-error value and a hostile error cross without throwing', () => {
    expect(acrossThreads('plain string')).toBe('plain string');
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', {
      get: () => {
        throw new Error('no');
      },
    });
    Object.defineProperty(hostile, 'cause', {
      get: () => {
        throw new Error('no');
      },
    });
    expect(() => acrossThreads(hostile)).not.toThrow();
    const looped: Error & { cause?: unknown } = new Error('loop');
    looped.cause = looped;
    expect(() => acrossThreads(looped)).not.toThrow();
  });
});
