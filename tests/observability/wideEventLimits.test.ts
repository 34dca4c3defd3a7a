import { describe, expect, it } from 'vitest';
import { deliverLine, memoryLineSink, WideEvent } from '@/lib/observability';
import { sentryLineSink } from '@/lib/observability/sentry/sentryLineSink';
import { WIDE_EVENT_BUDGET_BYTES } from '@/lib/observability/line/sizeBudget';
import { agentCall } from './helpers/agentCall';
import { parseCanonicalLine } from './helpers/lineAssertions';

import { harness } from './helpers/wideEventHarness';

describe('WideEvent at its limits', () => {
  it('caps per-call records at 10,000 calls, marks the cut, keeps rollups complete', () => {
    const h = harness();
    for (let i = 0; i < 10_000; i += 1)
      h.event.recordAgentCall(
        agentCall({ agentName: i % 2 ? 'BannerAgent' : 'VerificationAgent', inputTokens: 10, cachedInputTokens: 0, outputTokens: 1, costUsd: 0.001 }),
      );
    const text = h.finish('success');
    const line = parseCanonicalLine(text);
    expect(line.totals.agentCalls).toBe(10_000);
    expect(line.agents.BannerAgent?.calls).toBe(5000);
    expect(line.agents.VerificationAgent?.calls).toBe(5000);
    expect(line.totals.inputTokens).toBe(100_000);
    expect(line.agentCalls.length).toBeLessThanOrEqual(100);
    expect(line.agentCallsTruncated).toEqual({ total: 10_000, kept: line.agentCalls.length });
    expect(line.truncated?.agentCalls).toMatch(/kept 100 of 10000/);
    expect(Buffer.byteLength(text)).toBeLessThan(WIDE_EVENT_BUDGET_BYTES);
  });

  it('over the byte budget: set() fields are cut largest first and recorded by field', () => {
    const h = harness({ budgetBytes: 20_000 });
    h.event.set('small', 'ok');
    h.event.set('large', 'y'.repeat(8000));
    h.event.set('larger', { a: 'z'.repeat(8000), b: 'z'.repeat(8000) });
    const line = parseCanonicalLine(h.finish('success')) as Record<string, unknown>;
    expect(line.small).toBe('ok');
    expect(line).not.toHaveProperty('larger');
    expect((line.truncated as Record<string, string>).larger).toMatch(/byte budget: dropped \d+ bytes/);
  });

  it('when nothing fits, a minimal fallback line (ids, outcome, totals, reason) still goes out', () => {
    const h = harness({ budgetBytes: 300 });
    h.event.recordStage('validation', 'ok', 1);
    h.event.recordAgentCall(agentCall());
    h.event.set('note', 'x'.repeat(400));
    const line = parseCanonicalLine(h.finish('error', new Error('boom')));
    expect(line.fallback?.reason).toMatch(/byte budget/);
    expect(line).toMatchObject({ pipelineId: 'run-1', outcome: 'error', error: { type: 'Error', message: 'boom' } });
    expect(line.totals).toMatchObject({ stages: 1, agentCalls: 1 });
    expect(line.truncated).toMatchObject({ stages: 'fallback line', agentCalls: 'fallback line', note: 'fallback line' });
    expect(h.sent).toHaveLength(1);
    expect(h.warnings.some((w) => w.includes('fell back'))).toBe(true);
  });

  it('a throwing or rejecting line sink, or a throwing Sentry sender, never reaches the caller, and the other sinks still run', async () => {
    const sent: unknown[] = [];
    const warnings: string[] = [];
    const { sink, lines } = memoryLineSink();
    const finished = new WideEvent({ pipelineId: 'r', dataset: 'd', warn: (m) => void warnings.push(m) }).finish('success');
    const throwing = () => {
      throw new Error('stdout closed');
    };
    const rejecting = () => Promise.reject(new Error('disk full'));
    const sentryDown = sentryLineSink(() => {
      throw new Error('sentry down');
    });
    const delivered = deliverLine(finished, [throwing, rejecting, sentryDown, sink, sentryLineSink((p) => void sent.push(p))], (m) => void warnings.push(m));
    expect(lines).toHaveLength(1);
    expect(sent).toHaveLength(1);
    await expect(delivered).resolves.toBeUndefined();
    expect(warnings).toEqual(['a line sink failed: stdout closed', 'a line sink failed: sentry down', 'a line sink failed: disk full']);
  });
});

describe('WideEvent when its own machinery fails', () => {
  it('a failing clock during finish() still yields a schema-valid fallback line with the reason', () => {
    let calls = 0;
    const warnings: string[] = [];
    const event = new WideEvent({
      pipelineId: 'run-clock',
      dataset: 'demo',
      warn: (m) => void warnings.push(m),
      clock: () => {
        calls += 1;
        if (calls > 1) throw new Error('clock broke');
        return Date.UTC(2026, 0, 1);
      },
    });
    event.recordAgentCall(agentCall());
    let text = '';
    expect(() => (text = event.finish('success').text)).not.toThrow();
    const line = parseCanonicalLine(text);
    expect(line.fallback?.reason).toMatch(/clock broke/);
    expect(line.totals.agentCalls).toBe(1);
  });
});
