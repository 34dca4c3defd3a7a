import { expect } from 'vitest';
import { flushObservability } from '@/lib/observability';
import { parseCanonicalLine } from './lineAssertions';
import { simulateRun } from './simulateRun';

/** Slack allowed over a flush bound for timer scheduling. */
export const FLUSH_SLACK_MS = 250;

/**
 * Run a pipeline while the endpoint misbehaves: nothing throws, the line is printed, and flush keeps its bound and says
 * whether the SDK is left holding anything: `sent` is true when every request was answered (whatever the answer), false
 * when one is still pending at the bound.
 */
export async function runAgainstFaultyEndpoint(pipelineId: string, boundMs: number, sent: boolean): Promise<void> {
  const run = await simulateRun({ pipelineId, callsPerStage: 2, failWith: new Error('host failure') });
  expect(run.lines).toHaveLength(1);
  expect(parseCanonicalLine(run.line)).toMatchObject({ pipelineId, outcome: 'error' });
  const t0 = performance.now();
  const flushed = await flushObservability(boundMs);
  const elapsed = performance.now() - t0;
  expect(flushed, sent ? 'every request answered within the bound' : 'a request still pending at the bound').toBe(sent);
  expect(elapsed).toBeLessThan(boundMs + FLUSH_SLACK_MS);
}
