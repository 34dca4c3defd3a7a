import { expect } from 'vitest';
import { flushObservability } from '@/lib/observability';
import { parseCanonicalLine } from './lineAssertions';
import { simulateRun } from './simulateRun';

/** Slack allowed over a flush bound for timer scheduling. */
export const FLUSH_SLACK_MS = 250;

/** Run a pipeline while the endpoint misbehaves: nothing throws, the line is printed, flush keeps its bound. Returns the flush time. */
export async function runAgainstFaultyEndpoint(pipelineId: string, boundMs: number): Promise<number> {
  const run = await simulateRun({ pipelineId, callsPerStage: 2, failWith: new Error('host failure') });
  expect(run.lines).toHaveLength(1);
  expect(parseCanonicalLine(run.line)).toMatchObject({ pipelineId, outcome: 'error' });
  const t0 = performance.now();
  const flushed = await flushObservability(boundMs);
  const elapsed = performance.now() - t0;
  expect(typeof flushed).toBe('boolean');
  expect(elapsed).toBeLessThan(boundMs + FLUSH_SLACK_MS);
  return elapsed;
}
