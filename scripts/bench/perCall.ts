/**
 * Per-call cost at a run's real size, in one process per size and Sentry setting, interleaved rounds: the floor (building
 * the record and an array push), pino writing one JSON line per call (sync, to /dev/null), record() through a fresh run
 * of `calls` calls (every call spanned), and with Sentry on the SDK alone doing what the module asks of it per call
 * (sdkAlone.ts: the same breadcrumb and spans, checked by sameTelemetry.ts), in a fresh run of the same size. Each round
 * makes one run of each kind, as a process does: a 1,000-call figure includes what the first runs of a process cost.
 */
import { openSync } from 'node:fs';
import pino from 'pino';
import { readEnv } from '@/lib/env';
import { currentRun, flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { activeSentry } from '@/lib/observability/sentry/sentrySdk';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { sameTelemetry } from './sameTelemetry';
import { sdkAloneCall } from './sdkAlone';
import { benchCall, median, usPerCall } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const STAGE = 'VerificationAgent';

/** Calls per run measured: a big real run, and a very large one (BENCH_CALLS scales it down). */
export const RUN_SIZES = [1_000, Number(process.env.BENCH_CALLS ?? 20_000)] as const;

/** Figures of one process: one Sentry setting, one run size. */
export interface PerCallFigures {
  sentry: 'off' | 'on';
  /** Calls per run. */
  calls: number;
  floorUs: number;
  pinoUs: number;
  sdkAloneUs: number | null;
  recordUs: number;
  /** Sentry on: whether the SDK alone sent exactly the breadcrumbs and spans record() sent. */
  sameAsRecord: boolean | null;
}

/** Run `body` (timed by itself) in the stage of a fresh run of `calls` calls; with Sentry on, flush and forget what was sent. */
async function inFreshRun(runId: string, calls: number, server: EnvelopeServer | null, body: () => number): Promise<number> {
  const obs = startRunObservability({ runId, dataset: 'bench', source: 'cli', sinks: [memoryLineSink().sink], warn: () => undefined, maxAgentSpans: calls });
  let us = 0;
  await obs.run(() =>
    obs.stage(STAGE, () => {
      us = body();
    }),
  );
  obs.finish({ outcome: 'success' });
  if (server) {
    await flushObservability(60_000);
    server.clear();
  }
  return us;
}

export async function measurePerCall(sentry: 'off' | 'on', calls: number): Promise<PerCallFigures> {
  const server = sentry === 'on' ? await EnvelopeServer.start('ok') : null;
  await initObservability(readEnv({ NODE_ENV: 'production', ...(server ? { SENTRY_DSN: server.dsn() } : {}) }));
  const sdk = activeSentry()?.sentry;
  const sameAsRecord = server ? await sameTelemetry(server) : null;
  const logger = pino({ base: null, timestamp: false }, pino.destination({ fd: openSync('/dev/null', 'w'), sync: true }));
  const floor: number[] = [];
  const pinoTimes: number[] = [];
  const sdkAlone: number[] = [];
  const record: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const base = Date.now();
    // The floor keeps only the last calls, as the ledger does: keeping every record would time the garbage collector.
    const kept: unknown[] = [];
    const keep = (call: unknown): void => {
      kept.push(call);
      if (kept.length === 100) kept.length = 0;
    };
    floor.push(usPerCall(calls, (i) => keep(benchCall(i, base))));
    pinoTimes.push(usPerCall(calls, (i) => logger.info(benchCall(i, base), 'agent call')));
    const viaRecord = async (): Promise<void> => {
      record.push(await inFreshRun(`bench-record-${round}`, calls, server, () => usPerCall(calls, (i) => getAgentMetrics().record(benchCall(i, base)))));
    };
    const viaSdk = async (): Promise<void> => {
      if (!sdk) return;
      const timed = (): number => {
        const context = { sentry: sdk, scope: sdk.getIsolationScope(), stageSpan: sdk.getActiveSpan(), runId: currentRun()!.run.runId, stage: STAGE };
        return usPerCall(calls, (i) => sdkAloneCall(context, benchCall(i, base)));
      };
      sdkAlone.push(await inFreshRun(`bench-sdk-${round}`, calls, server, timed));
    };
    // Alternate which goes first, so that neither always inherits the other's garbage.
    for (const measure of round % 2 === 0 ? [viaRecord, viaSdk] : [viaSdk, viaRecord]) await measure();
  }
  await server?.close();
  return {
    sentry,
    calls,
    floorUs: median(floor),
    pinoUs: median(pinoTimes),
    sdkAloneUs: sdkAlone.length > 0 ? median(sdkAlone) : null,
    recordUs: median(record),
    sameAsRecord,
  };
}
