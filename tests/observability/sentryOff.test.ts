import * as Sentry from '@sentry/nextjs';
import { describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { flushObservability, initObservability, memoryLineSink, startPipelineTransaction, startRunObservability } from '@/lib/observability';
import { isSentryOn } from '@/lib/observability/sentry/sentrySdk';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { simulateRun } from './helpers/simulateRun';

describe('without SENTRY_DSN', () => {
  it('Sentry stays off, spans are no-ops, and the run still produces its full canonical line', async () => {
    expect(await initObservability(readEnv({ NODE_ENV: 'test' }))).toBe(false);
    expect(isSentryOn()).toBe(false);
    expect(Sentry.getClient()).toBeUndefined();
    const spans = startPipelineTransaction({ pipelineId: 'x', dataset: 'd' });
    expect(spans.traceId).toBeUndefined();
    expect(spans.telemetry).toBeUndefined();

    const run = await simulateRun({ pipelineId: 'run-off', callsPerStage: 2 });
    expect(run.lines).toHaveLength(1);
    const line = parseCanonicalLine(run.line);
    expect(line.traceId).toBeUndefined();
    expect(line.totals).toMatchObject({ agentCalls: 6, stages: 6, tableCount: 7 });
    expect(Object.values(line.agents).reduce((n, a) => n + a.calls, 0)).toBe(run.calls.length);
    expect(run.warnings).toEqual([]);

    // Nothing to deliver: flush answers at once instead of waiting out its 5 s bound (1 s leaves room for a busy machine).
    const t0 = performance.now();
    expect(await flushObservability(5000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('re-throws the host error unchanged from stage()', async () => {
    const boom = new Error('host failure');
    const { sink } = memoryLineSink();
    const obs = startRunObservability({ runId: 'run-off-rethrow', dataset: 'd', source: 'web', sinks: [sink] });
    await expect(obs.run(() => obs.stage('validation', () => Promise.reject(boom)))).rejects.toBe(boom);
    await expect(
      obs.stage('outside-run', () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(parseCanonicalLine(obs.finish({ outcome: 'error', error: boom })).stages.map((s) => s.status)).toEqual(['error', 'error']);
    const run = await simulateRun({ pipelineId: 'run-off-fail', failWith: boom });
    const line = parseCanonicalLine(run.line);
    expect(line.outcome).toBe('error');
    expect(line.error?.message).toBe('host failure');
  });
});
