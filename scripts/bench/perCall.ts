/**
 * Per-call cost, in one process, interleaved rounds: the floor (an array push), pino writing one JSON line per call
 * (sync, to /dev/null), the Sentry SDK alone doing what this module asks of it per call (a breadcrumb on the run's scope,
 * an invoke_agent span under the stage span and a chat span under it; Sentry on only), and record() through a run.
 */
import { openSync } from 'node:fs';
import pino from 'pino';
import { readEnv } from '@/lib/env';
import { getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { activeSentry } from '@/lib/observability/sentrySdk';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { benchCall, median, usPerCall } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);

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
    const obs = startRunObservability({ pipelineId: `bench-${sentry}-${round}`, dataset: 'bench', source: 'cli', sink: memoryLineSink().sink, warn: () => undefined, maxAgentSpans: CALLS * 2 });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        record.push(usPerCall(CALLS, (i) => getAgentMetrics().record(benchCall(i))));
        const s = activeSentry()?.sentry;
        if (s) {
          const stage = s.getActiveSpan();
          sdk.push(
            usPerCall(CALLS, (i) => {
              const call = benchCall(i);
              s.addBreadcrumb({ category: 'agent', message: `${call.agentName} ${call.model}`, data: { inputTokens: call.inputTokens, outputTokens: call.outputTokens } });
              const inv = s.startInactiveSpan({ name: `invoke_agent ${call.agentName}`, op: 'gen_ai.invoke_agent', parentSpan: stage, startTime: call.startTime, attributes: { 'gen_ai.agent.name': call.agentName } });
              const chat = s.startInactiveSpan({ name: `chat ${call.model}`, op: 'gen_ai.chat', parentSpan: inv, startTime: call.startTime, attributes: { 'gen_ai.usage.input_tokens': call.inputTokens, 'gen_ai.usage.output_tokens': call.outputTokens } });
              chat.end(call.endTime);
              inv.end(call.endTime);
            }),
          );
        }
      }),
    );
    obs.finish('success');
  }
  await server?.close();
  return { sentry, floorUs: median(floor), pinoUs: median(pinoTimes), sdkAloneUs: sdk.length > 0 ? median(sdk) : null, recordUs: median(record) };
}
