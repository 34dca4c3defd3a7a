import zlib from 'node:zlib';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { PipelineCancelledError, PipelineInputError } from '@/lib/core/PipelineErrors';
import { flushObservability, getAgentMetrics, initObservability, startRunObservability, memoryLineSink } from '@/lib/observability';
import { isSentryOn } from '@/lib/observability/sentry/sentrySdk';
import { REDACTED } from '@/lib/redaction';
import { EnvelopeServer } from '../support/envelopeServer';
import { agentCall } from './helpers/agentCall';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { attr, opOf, runEvent, traceSpans } from './helpers/received';
import { simulateRun } from './helpers/simulateRun';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
  expect(isSentryOn()).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

async function deliver(pipelineId: string, traceId: string, expectedSpans: number): Promise<void> {
  expect(await flushObservability(5000)).toBe(true);
  await server.waitFor(() => runEvent(server, pipelineId) !== undefined && traceSpans(server, traceId).length >= expectedSpans);
}

describe('a run against the real SDK and a local envelope endpoint', () => {
  it('sends one event, a root span, a span per stage and a gen_ai span per agent call, all in the trace of the canonical line', async () => {
    const run = await simulateRun({ pipelineId: 'run-trace', callsPerStage: 3, orgId: 'org-7', userId: 'user-9' });
    const line = parseCanonicalLine(run.line);
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    const traceId = line.traceId as string;
    const expected = 1 + line.totals.stages + line.totals.agentCalls;
    await deliver('run-trace', traceId, expected);

    const events = server.events().filter((e) => (e.tags as Record<string, string>).pipeline_id === 'run-trace');
    expect(events).toHaveLength(1);
    const event = events[0] as Record<string, unknown> & { contexts: Record<string, Record<string, unknown>>; tags: Record<string, string> };
    expect(event.level).toBe('info');
    expect(event.contexts.trace?.trace_id).toBe(traceId);
    expect(event.tags).toMatchObject({ pipeline_id: 'run-trace', dataset: 'demo', org_id: 'org-7', outcome: 'success' });
    expect(event.fingerprint).toEqual(['pipeline.run', 'run-trace', 'success']);
    expect(event.user).toEqual({ id: 'user-9' });
    expect(event.extra ?? {}).toEqual({});

    const spans = traceSpans(server, traceId);
    const roots = spans.filter((s) => s.name === 'pipeline.run');
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.is_segment).toBe(true);
    expect(root.parent_span_id).toBeUndefined();
    expect(event.contexts.trace?.span_id).toBe(root.span_id);
    const stageSpans = spans.filter((s) => opOf(s) === 'pipeline.stage');
    expect(stageSpans).toHaveLength(line.totals.stages);
    expect(stageSpans.every((s) => s.parent_span_id === root.span_id)).toBe(true);
    expect(
      stageSpans.find((s) => s.name === 'SkipLogicAgent') &&
        attr(
          stageSpans.find((s) => s.name === 'SkipLogicAgent')!,
          'crosstab.stage.status',
        ),
    ).toBe('skipped');
    const genAi = spans.filter((s) => opOf(s) === 'gen_ai.chat');
    expect(genAi).toHaveLength(line.totals.agentCalls);

    for (const call of run.calls) {
      const span = genAi.find((s) => attr(s, 'crosstab.agent.task') === call.task);
      expect(span, call.task).toBeDefined();
      // chat span → its invocation's invoke_agent span → the stage span of the stage that made the call.
      const invocation = spans.find((s) => s.span_id === span!.parent_span_id);
      expect(opOf(invocation!)).toBe('gen_ai.invoke_agent');
      expect(invocation?.name).toBe(`invoke_agent ${call.agentName}`);
      const stage = stageSpans.find((s) => s.span_id === invocation!.parent_span_id);
      expect(stage?.name).toBe(call.agentName);
      expect(attr(span!, 'gen_ai.operation.name')).toBe('chat');
      expect(attr(span!, 'gen_ai.request.model')).toBe(call.model);
      expect(attr(span!, 'gen_ai.agent.name')).toBe(call.agentName);
      expect(attr(span!, 'gen_ai.usage.input_tokens')).toBe(call.inputTokens);
      expect(attr(span!, 'gen_ai.usage.output_tokens')).toBe(call.outputTokens);
      expect(attr(span!, 'gen_ai.usage.cache_read.input_tokens')).toBe(call.cachedInputTokens);
      expect(Number(span!.start_timestamp) * 1000).toBeCloseTo(call.startTime, 0);
      expect(Number(span!.end_timestamp ?? span!.timestamp) * 1000).toBeCloseTo(call.endTime, 0);
    }

    const crumbs = (event.breadcrumbs as Array<{ category?: string; data?: Record<string, unknown> }>).filter((b) => b.category === 'agent');
    expect(crumbs).toHaveLength(line.totals.agentCalls);
    expect(crumbs[0]?.data).toMatchObject({
      agent: 'BannerAgent',
      model: 'gpt-4o-mini',
      inputTokens: 1200,
      outputTokens: 300,
      durationMs: 250,
      costUsd: 0.00036,
    });
  });

  it('makes the whole wide event readable in what Sentry received: every stage and agent rollup, nothing cut to [Object]/[Array]', async () => {
    const run = await simulateRun({
      pipelineId: 'run-readable',
      callsPerStage: 2,
      extra: (obs) => {
        obs.set('config', { nested: { deeper: { deepest: { value: 1 } } }, list: [{ a: 1 }, { b: [1, 2, { c: 3 }] }] });
        obs.set('apiKey', 'sk-should-not-leave');
        const cyclic: Record<string, unknown> = { name: 'loop' };
        cyclic.self = cyclic;
        obs.set('cyclic', cyclic);
        obs.set('big', 10n ** 30n);
        obs.set('callback', () => 1);
        obs.set('huge', 'h'.repeat(5 * 1024 * 1024));
      },
    });
    const line = parseCanonicalLine(run.line);
    await deliver('run-readable', line.traceId!, 1 + line.totals.stages + line.totals.agentCalls);
    const event = runEvent(server, 'run-readable') as Record<string, unknown> & { contexts: Record<string, Record<string, unknown>> };
    const text = JSON.stringify(event);
    expect(text).not.toContain('[Object]');
    expect(text).not.toContain('[Array]');
    expect(text).not.toContain('sk-should-not-leave');

    const ctx = event.contexts;
    for (const stage of line.stages) expect(ctx.pipeline_stages?.[stage.name]).toMatchObject({ status: stage.status, durationMs: stage.durationMs });
    for (const [agent, rollup] of Object.entries(line.agents)) expect(ctx.pipeline_agents?.[agent]).toEqual(rollup);
    expect(ctx.pipeline_totals).toEqual(line.totals);
    expect(Object.keys(ctx.pipeline_agent_calls ?? {})).toHaveLength(line.agentCalls.length);
    expect(ctx.pipeline_run).toMatchObject({ pipelineId: 'run-readable', outcome: 'success', traceId: line.traceId, schemaVersion: 4 });
    expect(JSON.parse(String(ctx.pipeline_fields?.config))).toEqual((line as Record<string, unknown>).config);
    expect(ctx.pipeline_fields?.apiKey).toBe(REDACTED);
    expect(JSON.parse(String(ctx.pipeline_fields?.cyclic))).toEqual({ name: 'loop', self: '[Circular]' });
    expect(ctx.pipeline_fields?.big).toBe(`[BigInt ${10n ** 30n}]`);
    expect(String(ctx.pipeline_fields?.huge)).toMatch(/…\[truncated \d+ chars\]$/);
    // Sentry trims contexts deeper than 3 levels: every context value is a scalar or a record of scalars.
    for (const context of Object.values(ctx)) {
      for (const value of Object.values(context)) {
        if (value !== null && typeof value === 'object') for (const leaf of Object.values(value)) expect(leaf === null || typeof leaf !== 'object').toBe(true);
      }
    }
  });

  it('a failed run sends an error event with the exception, its stack and its full cause chain', async () => {
    const root = new Error('ENOSPC: disk full');
    const mid = new TypeError('write failed', { cause: root });
    const failure = new PipelineInputError('cannot map banner', { stage: 'CrosstabAgent', cause: mid });
    const run = await simulateRun({ pipelineId: 'run-failed', failWith: failure });
    const line = parseCanonicalLine(run.line);
    expect(line.outcome).toBe('error');
    expect(line.error).toMatchObject({ type: 'PipelineInputError', message: 'cannot map banner', stage: 'CrosstabAgent' });
    expect(line.error?.causes).toEqual([
      { type: 'TypeError', message: 'write failed' },
      { type: 'Error', message: 'ENOSPC: disk full' },
    ]);
    expect(line.stages.find((s) => s.name === 'CrosstabAgent')?.status).toBe('error');
    await deliver('run-failed', line.traceId!, 1 + line.totals.stages + line.totals.agentCalls);
    const event = runEvent(server, 'run-failed') as Record<string, unknown> & {
      exception: { values: Array<{ type: string; value: string; stacktrace?: { frames: unknown[] } }> };
    };
    expect(event.level).toBe('error');
    expect(event.fingerprint).toEqual(['pipeline.run', 'run-failed', 'error']);
    const types = event.exception.values.map((v) => v.type);
    expect(types).toEqual(expect.arrayContaining(['PipelineInputError', 'TypeError', 'Error']));
    const top = event.exception.values.find((v) => v.type === 'PipelineInputError');
    expect(top?.value).toBe('cannot map banner');
    expect(top?.stacktrace?.frames.length).toBeGreaterThan(0);
    const root_ = traceSpans(server, line.traceId!).find((s) => s.name === 'pipeline.run');
    expect(root_?.status).toBe('error');
  });

  it('a cancelled run has outcome cancelled and sends no error-level event', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await simulateRun({ pipelineId: 'run-cancelled', failWith: new PipelineCancelledError(), signal: controller.signal });
    const line = parseCanonicalLine(run.line);
    expect(line.outcome).toBe('cancelled');
    await deliver('run-cancelled', line.traceId!, 1 + line.totals.stages + line.totals.agentCalls);
    const event = runEvent(server, 'run-cancelled') as Record<string, unknown>;
    expect(event.level).not.toBe('error');
    expect(event.exception).toBeUndefined();
    expect((event.tags as Record<string, string>).outcome).toBe('cancelled');
  });

  it('keeps tags few and within Sentry limits, even for long or odd values', async () => {
    const dataset = `weird\nname ${'d'.repeat(300)}`;
    const run = await simulateRun({ pipelineId: 'run-tags', dataset, orgId: 'o'.repeat(250) });
    const line = parseCanonicalLine(run.line);
    await deliver('run-tags', line.traceId!, 1);
    const tags = (runEvent(server, 'run-tags') as { tags: Record<string, string> }).tags;
    for (const [k, v] of Object.entries(tags)) {
      expect(k.length).toBeLessThanOrEqual(32);
      expect(v.length).toBeLessThanOrEqual(200);
      expect(v).not.toMatch(/[\n\r]/);
    }
    expect(Object.keys(tags).sort()).toEqual(expect.arrayContaining(['dataset', 'org_id', 'outcome', 'pipeline_id', 'source']));
  });

  it('the canonical line never comes back as a console breadcrumb on later events', async () => {
    const first = startRunObservability({ runId: 'run-printed', dataset: 'demo', source: 'cli' });
    const printed = first.finish({ outcome: 'success' }); // default sink: process.stdout.write
    console.log(printed); // someone echoing it through console must not leak it either
    const { sink } = memoryLineSink();
    const second = startRunObservability({ runId: 'run-after', dataset: 'demo', source: 'cli', sinks: [sink] });
    second.finish({ outcome: 'success' });
    Sentry.captureMessage('unrelated later event');
    await flushObservability(5000);
    await server.waitFor(() => runEvent(server, 'run-after') !== undefined && server.events().some((e) => e.message === 'unrelated later event'));
    for (const e of [runEvent(server, 'run-after'), server.events().find((x) => x.message === 'unrelated later event')]) {
      const crumbs = (e?.breadcrumbs as Array<{ message?: string }> | undefined) ?? [];
      expect(crumbs.some((b) => (b.message ?? '').includes('"kind":"pipeline.run"'))).toBe(false);
    }
  });

  it('10,000 agent calls: event under 1 MB and 200 KB compressed, rollups complete, per-call truncation marked', async () => {
    const { sink, lines } = memoryLineSink();
    const obs = startRunObservability({ runId: 'run-10k', dataset: 'demo', source: 'cli', sinks: [sink] });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        for (let i = 0; i < 10_000; i += 1)
          getAgentMetrics().record(agentCall({ agentName: i % 3 === 0 ? 'VerificationAgent' : 'CrosstabAgent', task: `t${i}` }));
      }),
    );
    const line = parseCanonicalLine(obs.finish({ outcome: 'success' }));
    expect(lines).toHaveLength(1);
    await flushObservability(10_000);
    await server.waitFor(() => runEvent(server, 'run-10k') !== undefined, 10_000);
    const item = server.eventItems().find((i) => ((i.payload as { tags?: Record<string, string> }).tags ?? {}).pipeline_id === 'run-10k')!;
    const raw = Buffer.from(JSON.stringify(item.payload));
    const gz = zlib.gzipSync(raw);
    expect(raw.length).toBeLessThan(1024 * 1024);
    expect(gz.length).toBeLessThan(200 * 1024);
    const ctx = (item.payload as { contexts: Record<string, Record<string, unknown>> }).contexts;
    expect(ctx.pipeline_agents?.VerificationAgent).toMatchObject({ calls: 3334 });
    expect(ctx.pipeline_agents?.CrosstabAgent).toMatchObject({ calls: 6666 });
    expect(ctx.pipeline_totals).toMatchObject({ agentCalls: 10_000 });
    expect(String(ctx.pipeline_truncated?.agentCalls)).toMatch(/kept \d+ of 10000/);
    expect(ctx.pipeline_run).toMatchObject({ agentCallsTotal: 10_000, agentCallsKept: line.agentCalls.length });
  });
});
