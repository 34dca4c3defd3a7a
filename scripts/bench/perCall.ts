/**
 * Per-call cost at a run's real size, in one process per size and Sentry setting, interleaved rounds: the floor (building
 * the record and an array push), pino writing one JSON line per call (sync, to /dev/null), record() through fresh runs
 * of `calls` calls (every call spanned), and with Sentry on the SDK alone doing what the module asks of it per call
 * (sdkAlone.ts: the same breadcrumb and spans, checked by sameTelemetry.ts), in fresh runs of the same size.
 *
 * With Sentry off a round makes one run, as a process does: a 1,000-call figure includes what the first runs of a process
 * cost. With Sentry on the SDK's own work dominates and varies from run to run (collecting a run's spans, flushing them),
 * so a round makes as many runs as it takes to reach SENTRY_ON_CALLS_PER_ROUND calls on each side.
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
const SENTRY_ON_CALLS_PER_ROUND = 10_000;

/** Calls per run measured: a big real run, and a very large one (BENCH_CALLS scales it down). */
export const RUN_SIZES = [1_000, Number(process.env.BENCH_CALLS ?? 20_000)] as const;

/** Figures of one process: one Sentry setting, one run size. */
export interface PerCallFigures {
  sentry: 'off' | 'on';
  /** Calls per run. */
  calls: number;
  /** Runs per round on each side (record() and the SDK alone). */
  runsPerRound: number;
  floorUs: number;
  pinoUs: number;
  sdkAloneUs: number | null;
  recordUs: number;
  /**
   * record() over the floor, pino's line and the SDK alone: medians of each round's own ratio (steadier than ratios of
   * medians when the machine's load drifts).
   */
  ratios: { floor: number; pino: number; sdkAlone: number | null };
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

/** Mean µs per call of `body` over `runs` fresh runs. */
async function inFreshRuns(id: string, runs: number, calls: number, server: EnvelopeServer | null, body: () => number): Promise<number> {
  let sum = 0;
  for (let run = 0; run < runs; run += 1) sum += await inFreshRun(`${id}-${run}`, calls, server, body);
  return sum / runs;
}

export async function measurePerCall(sentry: 'off' | 'on', calls: number): Promise<PerCallFigures> {
  const server = sentry === 'on' ? await EnvelopeServer.start('ok') : null;
  await initObservability(readEnv({ NODE_ENV: 'production', ...(server ? { SENTRY_DSN: server.dsn() } : {}) }));
  const sdk = activeSentry()?.sentry;
  const sameAsRecord = server ? await sameTelemetry(server) : null;
  const runsPerRound = sentry === 'on' ? Math.max(1, Math.ceil(SENTRY_ON_CALLS_PER_ROUND / calls)) : 1;
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
      const timed = (): number => usPerCall(calls, (i) => getAgentMetrics().record(benchCall(i, base)));
      record.push(await inFreshRuns(`bench-record-${round}`, runsPerRound, calls, server, timed));
    };
    const viaSdk = async (): Promise<void> => {
      if (!sdk) return;
      const timed = (): number => {
        const context = { sentry: sdk, scope: sdk.getIsolationScope(), stageSpan: sdk.getActiveSpan(), runId: currentRun()!.run.runId, stage: STAGE };
        return usPerCall(calls, (i) => sdkAloneCall(context, benchCall(i, base)));
      };
      sdkAlone.push(await inFreshRuns(`bench-sdk-${round}`, runsPerRound, calls, server, timed));
    };
    // Alternate which goes first, so that neither is always the round's first run.
    for (const measure of round % 2 === 0 ? [viaRecord, viaSdk] : [viaSdk, viaRecord]) await measure();
  }
  await server?.close();
  const perRound = (over: number[]): number => median(record.map((r, i) => r / over[i]!));
  return {
    sentry,
    calls,
    runsPerRound,
    floorUs: median(floor),
    pinoUs: median(pinoTimes),
    sdkAloneUs: sdkAlone.length > 0 ? median(sdkAlone) : null,
    recordUs: median(record),
    ratios: { floor: perRound(floor), pino: perRound(pinoTimes), sdkAlone: sdkAlone.length > 0 ? perRound(sdkAlone) : null },
    sameAsRecord,
  };
}
