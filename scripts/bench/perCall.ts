/**
 * Per-call cost, in one process, interleaved rounds: the floor (an array push), pino writing one JSON line per call
 * (sync, to /dev/null), the Sentry SDK alone doing what this module asks of it per call (the same breadcrumb on the
 * run's scope, the same invoke_agent span under the stage span and chat span under it, with the same attributes;
 * Sentry on only), and record() through a run.
 */
import { openSync } from 'node:fs';
import pino from 'pino';
import { readEnv } from '@/lib/env';
import { getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { activeSentry } from '@/lib/observability/sentry/sentrySdk';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { benchCall, median, usPerCall } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);

/** Figures of one process. */
export interface PerCallFigures {
  sentry: 'off' | 'on';
  floorUs: number;
  pinoUs: number;
  sdkAloneUs: number | null;
  recordUs: number;
}

export async function measurePerCall(sentry: 'off' | 'on'): Promise<PerCallFigures> {
  const server = sentry === 'on' ? await EnvelopeServer.start('ok') : null;
  await initObservability(readEnv({ NODE_ENV: 'production', ...(server ? { SENTRY_DSN: server.dsn() } : {}) }));
  const logger = pino({ base: null, timestamp: false }, pino.destination({ fd: openSync('/dev/null', 'w'), sync: true }));
  const floor: number[] = [];
  const pinoTimes: number[] = [];
  const sdk: number[] = [];
  const record: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const arr: unknown[] = [];
    floor.push(usPerCall(CALLS, (i) => void arr.push(benchCall(i))));
    pinoTimes.push(usPerCall(CALLS, (i) => logger.info(benchCall(i), 'agent call')));
    const obs = startRunObservability({
      runId: `bench-${sentry}-${round}`,
      dataset: 'bench',
      source: 'cli',
      sinks: [memoryLineSink().sink],
      warn: () => undefined,
      maxAgentSpans: CALLS * 2,
    });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        record.push(usPerCall(CALLS, (i) => getAgentMetrics().record(benchCall(i))));
        const s = activeSentry()?.sentry;
        if (s) {
          const stage = s.getActiveSpan();
          sdk.push(
            usPerCall(CALLS, (i) => {
              // The same breadcrumb, spans and attributes the module sends per call, made with the SDK's public API.
              const call = benchCall(i);
              const scope = s.getIsolationScope();
              scope.addBreadcrumb(
                {
                  category: 'agent',
                  type: 'info',
                  level: 'info',
                  message: `${call.agentName} ${call.model}`,
                  timestamp: call.endTime / 1000,
                  data: {
                    agent: call.agentName,
                    model: call.model,
                    provider: call.provider,
                    inputTokens: call.inputTokens,
                    outputTokens: call.outputTokens,
                    cachedInputTokens: call.cachedInputTokens,
                    reasoningTokens: call.reasoningTokens,
                    totalTokens: 1500,
                    durationMs: call.durationMs,
                    costUsd: call.costUsd,
                    status: call.status,
                    stage: 'VerificationAgent',
                  },
                },
                100,
              );
              const inv = s.startInactiveSpan({
                name: `invoke_agent ${call.agentName}`,
                op: 'gen_ai.invoke_agent',
                parentSpan: stage,
                startTime: call.startTime,
                attributes: {
                  'sentry.op': 'gen_ai.invoke_agent',
                  'gen_ai.operation.name': 'invoke_agent',
                  'gen_ai.agent.name': call.agentName,
                  'gen_ai.conversation.id': 'bench',
                  'crosstab.pipeline_id': 'bench',
                  'crosstab.agent.task': call.task,
                  'gen_ai.request.model': call.model,
                  'crosstab.stage': 'VerificationAgent',
                },
              });
              const chat = s.startInactiveSpan({
                name: `chat ${call.model}`,
                op: 'gen_ai.chat',
                parentSpan: inv,
                startTime: call.startTime,
                attributes: {
                  'sentry.op': 'gen_ai.chat',
                  'gen_ai.operation.name': 'chat',
                  'gen_ai.request.model': call.model,
                  'gen_ai.response.model': call.model,
                  'gen_ai.agent.name': call.agentName,
                  'gen_ai.provider.name': call.provider,
                  'gen_ai.usage.input_tokens': call.inputTokens,
                  'gen_ai.usage.output_tokens': call.outputTokens,
                  'gen_ai.usage.total_tokens': 1500,
                  'gen_ai.usage.cache_read.input_tokens': call.cachedInputTokens,
                  'gen_ai.usage.reasoning.output_tokens': 0,
                  'crosstab.price_source': call.priceSource,
                  'crosstab.agent.task': call.task,
                  'gen_ai.cost.total_tokens': call.costUsd,
                  'crosstab.pipeline_id': 'bench',
                  'gen_ai.conversation.id': 'bench',
                  'crosstab.stage': 'VerificationAgent',
                },
              });
              chat.setStatus({ code: 1 });
              chat.end(call.endTime);
              inv.setAttributes({
                'gen_ai.usage.input_tokens': call.inputTokens,
                'gen_ai.usage.output_tokens': call.outputTokens,
                'gen_ai.usage.total_tokens': 1500,
                'gen_ai.response.model': call.model,
                'gen_ai.cost.total_tokens': call.costUsd,
              });
              inv.setStatus({ code: 1 });
              inv.end(call.endTime);
            }),
          );
        }
      }),
    );
    obs.finish({ outcome: 'success' });
  }
  await server?.close();
  return { sentry, floorUs: median(floor), pinoUs: median(pinoTimes), sdkAloneUs: sdk.length > 0 ? median(sdk) : null, recordUs: median(record) };
}
