import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { beginAgentInvocation, flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { EnvelopeServer, type ReceivedSpan } from '../support/envelopeServer';
import { agentCall } from './helpers/agentCall';
import { opOf, runEvent, traceSpans } from './helpers/received';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

const RUN = 'run-call-telemetry';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A span as this module made it: name, status, times, parent's name and the attributes it set (the SDK's own left out). */
function made(span: ReceivedSpan, all: ReceivedSpan[]): Record<string, unknown> {
  const attributes = Object.entries((span.attributes ?? {}) as Record<string, { value: unknown }>)
    .filter(([key]) => key === 'sentry.op' || !key.startsWith('sentry.'))
    .map(([key, v]) => [key, v.value]);
  return {
    name: span.name,
    status: span.status,
    start: Number(span.start_timestamp) * 1000,
    end: Number(span.end_timestamp) * 1000,
    parent: all.find((s) => s.span_id === span.parent_span_id)?.name,
    attributes: Object.fromEntries(attributes),
  };
}

describe("an agent call's breadcrumb and spans, exactly", () => {
  it('a call on its own, an unpriced failed call, and two calls of one invocation', async () => {
    const obs = startRunObservability({ runId: RUN, dataset: 'demo', source: 'cli', sinks: [memoryLineSink().sink] });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        getAgentMetrics().record(
          agentCall({ agentName: 'VerificationAgent', task: 'Verify table t_Q12: Overall satisfaction', startTime: T0, durationMs: 900 }),
        );
        getAgentMetrics().record(
          agentCall({
            agentName: 'VerificationAgent',
            model: 'local',
            provider: 'local',
            task: 'Verify table t_Q13',
            startTime: T0 + 1000,
            durationMs: 100,
            costUsd: null,
            priceSource: 'unpriced',
            status: 'error',
            errorType: 'ModelOutputError',
            reasoningTokens: 40,
          }),
        );
        const invocation = beginAgentInvocation('VerificationAgent', 'Verify table t_Q14', 'gpt-4o-mini');
        invocation.run(() => {
          getAgentMetrics().record(agentCall({ agentName: 'VerificationAgent', task: 'Verify table t_Q14', startTime: T0 + 2000, durationMs: 200 }));
          getAgentMetrics().record(
            agentCall({ agentName: 'VerificationAgent', model: 'gpt-4o', task: 'Verify table t_Q14', startTime: T0 + 2300, durationMs: 300, costUsd: 0.002 }),
          );
        });
        invocation.end('ok');
      }),
    );
    const traceId = (JSON.parse(obs.finish({ outcome: 'success' })) as { traceId: string }).traceId;
    expect(await flushObservability(5000)).toBe(true);
    await server.waitFor(() => runEvent(server, RUN) !== undefined && traceSpans(server, traceId).some((s) => opOf(s) === 'pipeline.run'));

    const crumbs = (runEvent(server, RUN)?.breadcrumbs as Array<{ category?: string }>).filter((b) => b.category === 'agent');
    const tokens = { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 200, reasoningTokens: 0, totalTokens: 1500 };
    const crumb = { agent: 'VerificationAgent', model: 'gpt-4o-mini', provider: 'openai', ...tokens };
    expect(crumbs).toEqual([
      {
        timestamp: (T0 + 900) / 1000,
        category: 'agent',
        type: 'info',
        level: 'info',
        message: 'VerificationAgent gpt-4o-mini',
        data: { ...crumb, durationMs: 900, costUsd: 0.00036, status: 'ok', stage: 'VerificationAgent' },
      },
      {
        timestamp: (T0 + 1100) / 1000,
        category: 'agent',
        type: 'info',
        level: 'error',
        message: 'VerificationAgent local',
        data: {
          ...crumb,
          model: 'local',
          provider: 'local',
          reasoningTokens: 40,
          durationMs: 100,
          costUsd: null,
          status: 'error',
          stage: 'VerificationAgent',
          errorType: 'ModelOutputError',
        },
      },
      {
        timestamp: (T0 + 2200) / 1000,
        category: 'agent',
        type: 'info',
        level: 'info',
        message: 'VerificationAgent gpt-4o-mini',
        data: { ...crumb, durationMs: 200, costUsd: 0.00036, status: 'ok', stage: 'VerificationAgent' },
      },
      {
        timestamp: (T0 + 2600) / 1000,
        category: 'agent',
        type: 'info',
        level: 'info',
        message: 'VerificationAgent gpt-4o',
        data: { ...crumb, model: 'gpt-4o', durationMs: 300, costUsd: 0.002, status: 'ok', stage: 'VerificationAgent' },
      },
    ]);

    const spans = traceSpans(server, traceId);
    const agentSpans = spans.filter((s) => String(opOf(s)).startsWith('gen_ai.')).map((s) => made(s, spans));
    const ids = { 'crosstab.pipeline_id': RUN, 'gen_ai.conversation.id': RUN };
    const invoke = (task: string, model: string) => ({
      'sentry.op': 'gen_ai.invoke_agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'VerificationAgent',
      'gen_ai.conversation.id': RUN,
      'crosstab.pipeline_id': RUN,
      'crosstab.agent.task': task,
      'gen_ai.request.model': model,
      'crosstab.stage': 'VerificationAgent',
    });
    const chat = (model: string, provider: string, task: string) => ({
      'sentry.op': 'gen_ai.chat',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.agent.name': 'VerificationAgent',
      'gen_ai.provider.name': provider,
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.total_tokens': 1500,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.usage.reasoning.output_tokens': 0,
      'crosstab.price_source': 'genai-prices@0.1.8:openai/gpt-4o-mini',
      'crosstab.agent.task': task,
    });
    const usage = { 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 300, 'gen_ai.usage.total_tokens': 1500 };
    // The invocation of the last two calls started when it was begun and ended when it was ended (real time).
    const outer = agentSpans.find(
      (s) => s.name === 'invoke_agent VerificationAgent' && (s.attributes as Record<string, unknown>)['crosstab.agent.task'] === 'Verify table t_Q14',
    );
    const byStart = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Number(a.start) - Number(b.start) || String(a.name).localeCompare(String(b.name));
    expect(agentSpans.filter((s) => s !== outer).sort(byStart)).toEqual(
      [
        {
          name: 'chat gpt-4o-mini',
          status: 'ok',
          start: T0,
          end: T0 + 900,
          parent: 'invoke_agent VerificationAgent',
          attributes: {
            ...chat('gpt-4o-mini', 'openai', 'Verify table t_Q12: Overall satisfaction'),
            'gen_ai.cost.total_tokens': 0.00036,
            ...ids,
            'crosstab.stage': 'VerificationAgent',
          },
        },
        {
          name: 'invoke_agent VerificationAgent',
          status: 'ok',
          start: T0,
          end: T0 + 900,
          parent: 'VerificationAgent',
          attributes: {
            ...invoke('Verify table t_Q12: Overall satisfaction', 'gpt-4o-mini'),
            ...usage,
            'gen_ai.response.model': 'gpt-4o-mini',
            'gen_ai.cost.total_tokens': 0.00036,
          },
        },
        {
          name: 'chat local',
          status: 'error',
          start: T0 + 1000,
          end: T0 + 1100,
          parent: 'invoke_agent VerificationAgent',
          attributes: {
            ...chat('local', 'local', 'Verify table t_Q13'),
            'crosstab.price_source': 'unpriced',
            'gen_ai.usage.reasoning.output_tokens': 40,
            ...ids,
            'crosstab.stage': 'VerificationAgent',
          },
        },
        {
          name: 'invoke_agent VerificationAgent',
          status: 'error',
          start: T0 + 1000,
          end: T0 + 1100,
          parent: 'VerificationAgent',
          attributes: { ...invoke('Verify table t_Q13', 'local'), ...usage, 'gen_ai.response.model': 'local' },
        },
        {
          name: 'chat gpt-4o-mini',
          status: 'ok',
          start: T0 + 2000,
          end: T0 + 2200,
          parent: 'invoke_agent VerificationAgent',
          attributes: {
            ...chat('gpt-4o-mini', 'openai', 'Verify table t_Q14'),
            'gen_ai.cost.total_tokens': 0.00036,
            ...ids,
            'crosstab.stage': 'VerificationAgent',
          },
        },
        {
          name: 'chat gpt-4o',
          status: 'ok',
          start: T0 + 2300,
          end: T0 + 2600,
          parent: 'invoke_agent VerificationAgent',
          attributes: { ...chat('gpt-4o', 'openai', 'Verify table t_Q14'), 'gen_ai.cost.total_tokens': 0.002, ...ids, 'crosstab.stage': 'VerificationAgent' },
        },
      ].sort(byStart),
    );
    expect(outer?.attributes).toEqual({
      ...invoke('Verify table t_Q14', 'gpt-4o-mini'),
      'gen_ai.usage.input_tokens': 2400,
      'gen_ai.usage.output_tokens': 600,
      'gen_ai.usage.total_tokens': 3000,
      'gen_ai.response.model': 'gpt-4o-mini,gpt-4o',
      'gen_ai.cost.total_tokens': 0.00036 + 0.002,
    });
    expect(outer?.status).toBe('ok');
  });
});
