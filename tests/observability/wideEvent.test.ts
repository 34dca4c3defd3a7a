import { describe, expect, it } from 'vitest';
import { PipelineCancelledError, PipelineInputError } from '@/lib/core/PipelineErrors';
import { REDACTED } from '@/lib/redaction';
import { WIDE_EVENT_BUDGET_BYTES } from '@/lib/observability/line/sizeBudget';
import { agentCall } from './helpers/agentCall';
import { parseCanonicalLine } from './helpers/lineAssertions';

import { harness } from './helpers/wideEventHarness';
import { decideRunEnd } from '@/lib/core/runEnd';

describe('WideEvent', () => {
  it('emits one schema-valid canonical line with stages, per-agent rollups and totals', () => {
    const h = harness({ orgId: 'org-1', userId: 'u-1', traceId: 'a'.repeat(32) });
    h.event.recordStage('validation', 'ok', 12);
    h.event.recordStage('BannerAgent', 'ok', 30);
    h.event.recordStage('SkipLogicAgent', 'skipped', 0, undefined, 'no survey');
    h.event.recordAgentCall(
      agentCall({ agentName: 'BannerAgent', model: 'gpt-4o', costUsd: 0.01, inputTokens: 1000, cachedInputTokens: 400, outputTokens: 100 }),
    );
    h.event.recordAgentCall(
      agentCall({ agentName: 'CrosstabAgent', model: 'gpt-4o-mini', costUsd: 0.002, inputTokens: 500, cachedInputTokens: 0, outputTokens: 50 }),
    );
    h.event.recordAgentCall(
      agentCall({
        agentName: 'CrosstabAgent',
        model: 'local',
        costUsd: null,
        priceSource: 'unpriced',
        inputTokens: 100,
        cachedInputTokens: 0,
        outputTokens: 10,
      }),
    );
    h.event.set('significance', true);
    h.event.setTableCount(42);
    const returned = h.finish('success');

    expect(h.lines).toHaveLength(1);
    expect(returned).toBe(h.lines[0]);
    const line = parseCanonicalLine(h.lines[0]);
    expect(line).toMatchObject({
      kind: 'pipeline.run',
      schemaVersion: 4,
      pipelineId: 'run-1',
      dataset: 'demo',
      orgId: 'org-1',
      userId: 'u-1',
      source: 'cli',
      outcome: 'success',
      traceId: 'a'.repeat(32),
      significance: true,
    });
    expect(line.stages.map((s) => [s.name, s.status])).toEqual([
      ['validation', 'ok'],
      ['BannerAgent', 'ok'],
      ['SkipLogicAgent', 'skipped'],
    ]);
    expect(line.stages[2]?.reason).toBe('no survey');
    expect(line.agents.CrosstabAgent).toMatchObject({ calls: 2, inputTokens: 600, outputTokens: 60, unpricedCalls: 1, models: 'gpt-4o-mini,local' });
    expect(line.agents.CrosstabAgent?.costUsd).toBeCloseTo(0.002, 10);
    // Costs are summed per call at each call's own price, never re-priced at the last model.
    expect(line.totals.costUsd).toBeCloseTo(0.012, 10);
    expect(line.totals).toMatchObject({
      stages: 3,
      agentCalls: 3,
      inputTokens: 1600,
      outputTokens: 160,
      totalTokens: 1760,
      cachedInputTokens: 400,
      unpricedCalls: 1,
      costComplete: false,
      tableCount: 42,
    });
    expect(line.agentCalls).toHaveLength(3);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.level).toBe('info');
  });

  it('finish() twice sends one event and returns the same line; later writes are ignored with one warning', () => {
    const h = harness();
    const first = h.finish('success');
    const second = h.finish('error', new Error('late'));
    expect(second).toBe(first);
    expect(h.lines).toHaveLength(1);
    expect(h.sent).toHaveLength(1);
    h.event.set('late', 1);
    h.event.recordStage('late', 'ok', 1);
    h.event.recordAgentCall(agentCall());
    expect(h.warnings.filter((w) => w.includes('already finished'))).toHaveLength(1);
    expect(parseCanonicalLine(h.lines[0])).not.toHaveProperty('late');
  });

  it('a cancellation error, decided as the run decides (decideRunEnd), yields outcome cancelled and no error-level event', () => {
    const h = harness();
    h.event.recordStage('BannerAgent', 'error', 5, new PipelineCancelledError());
    const end = decideRunEnd({ error: new PipelineCancelledError() });
    h.finish(end.outcome, end.error);
    const line = parseCanonicalLine(h.lines[0]);
    expect(line.outcome).toBe('cancelled');
    expect(h.sent[0]?.level).not.toBe('error');
    expect(h.sent[0]?.error).toBeUndefined();
  });

  it('a failed run records the error, its stage and its cause chain (cycle-safe)', () => {
    const h = harness();
    const root = new Error('disk full');
    const middle = new TypeError('write failed', { cause: root });
    const top = new PipelineInputError('cannot write tables', { stage: 'ExcelExport', cause: middle });
    (root as { cause?: unknown }).cause = top; // a loop
    const end = decideRunEnd({ error: top, firstFailedStage: 'CrosstabComputation' });
    h.finish(end.outcome, end.error, { failedStage: end.failedStage });
    const line = parseCanonicalLine(h.lines[0]);
    expect(line.error).toMatchObject({ type: 'PipelineInputError', message: 'cannot write tables', stage: 'ExcelExport' });
    expect(line.error?.causes?.map((c) => c.type)).toEqual(['TypeError', 'Error', '[Circular]']);
    expect(h.sent[0]?.level).toBe('error');
    expect(h.sent[0]?.error).toBe(top);
  });

  it('never throws on hostile set() values and bounds them with markers', () => {
    const h = harness();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    const big = 'x'.repeat(5 * 1024 * 1024);
    expect(() => {
      h.event.set('cyclic', cyclic);
      h.event.set('big', BigInt('12345678901234567890'));
      h.event.set('fn', function handler() {});
      h.event.set('err', new RangeError('bad range'));
      h.event.set('huge', big);
      h.event.set('throwing', throwing);
      h.event.set('nan', Number.NaN);
    }).not.toThrow();
    const text = h.finish('success');
    expect(Buffer.byteLength(text)).toBeLessThan(WIDE_EVENT_BUDGET_BYTES);
    const line = parseCanonicalLine(text) as Record<string, unknown>;
    expect(line.cyclic).toEqual({ a: 1, self: '[Circular]' });
    expect(line.big).toBe('[BigInt 12345678901234567890]');
    expect(line.fn).toBe('[Function handler]');
    expect(line.err).toEqual({ type: 'RangeError', message: 'bad range' });
    expect(String(line.huge)).toMatch(/…\[truncated \d+ chars\]$/);
    expect((line.huge as string).length).toBeLessThan(10_000);
    expect(line.throwing).toEqual({ boom: '[Throws]' });
    expect(line.nan).toBe('[NaN]');
  });

  it('redacts values under secret keys and e-mail addresses, keeps token metrics', () => {
    const h = harness();
    h.event.set('config', {
      apiKey: 'sk-live-123',
      password: 'hunter2',
      Authorization: 'Bearer abc',
      cookie: 'sid=1',
      dsn: 'http://k@h/1',
      access_token: 't',
      contactEmail: 'x@y.io',
      owner: 'alice@example.com',
      maxTokens: 900,
      inputTokens: 5,
    });
    h.event.set('SENTRY_DSN', 'http://secret@sentry/1');
    const line = parseCanonicalLine(h.finish('success')) as Record<string, unknown>;
    expect(line.config).toEqual({
      apiKey: REDACTED,
      password: REDACTED,
      Authorization: REDACTED,
      cookie: REDACTED,
      dsn: REDACTED,
      access_token: REDACTED,
      contactEmail: REDACTED,
      owner: '[email]',
      maxTokens: 900,
      inputTokens: 5,
    });
    expect(line.SENTRY_DSN).toBe(REDACTED);
    expect(h.lines[0]).not.toContain('hunter2');
    expect(h.lines[0]).not.toContain('alice@example.com');
  });

  it('redaction is linear: a 5 MB value under many keys is handled quickly', () => {
    const h = harness();
    const obj: Record<string, string> = {};
    for (let i = 0; i < 50; i += 1) obj[`k${i}`] = 'a@'.repeat(100_000);
    const t0 = performance.now();
    h.event.set('blob', obj);
    h.finish('success');
    expect(performance.now() - t0).toBeLessThan(2000);
    parseCanonicalLine(h.lines[0]);
  });

  it('token accounting: input includes cached, subsets are checked, anomalies counted and clamped', () => {
    const h = harness();
    h.event.recordAgentCall(agentCall({ inputTokens: 100, cachedInputTokens: 150, outputTokens: 10, reasoningTokens: 20 }));
    h.event.recordAgentCall(agentCall({ inputTokens: Number.NaN, outputTokens: -5, cachedInputTokens: 0, reasoningTokens: 0 }));
    const line = parseCanonicalLine(h.finish('success'));
    expect(line.totals.tokenAnomalies).toBe(2);
    expect(line.totals.cachedInputTokens).toBeLessThanOrEqual(line.totals.inputTokens);
    expect(line.totals.reasoningTokens).toBeLessThanOrEqual(line.totals.outputTokens);
    expect(line.totals).toMatchObject({ inputTokens: 100, cachedInputTokens: 100, outputTokens: 10, reasoningTokens: 10 });
  });

  it('all-unpriced runs report costComplete false, never a silent complete $0', () => {
    const h = harness();
    h.event.recordAgentCall(agentCall({ costUsd: null, priceSource: 'unpriced' }));
    const line = parseCanonicalLine(h.finish('success'));
    expect(line.totals).toMatchObject({ costUsd: 0, unpricedCalls: 1, costComplete: false });
    expect(line.agentCalls[0]?.costUsd).toBeNull();
  });
});
