import type { CallModelFigures } from './callModelFlat';
import { CLI_FLUSH_BOUND_MS, type CliFigures, type CliSentry } from './cliTimes';
import type { FinishFigures } from './finishScaling';
import type { FaultyEndpoint, FlushFigures } from './flushFaults';
import type { HeapFigures } from './heapPerRun';
import type { PerCallFigures } from './perCall';

/** Everything the benchmark measured (a part is null when its process failed). */
export interface BenchFigures {
  /** Sentry off then on, each at every run size. */
  perCall: Array<PerCallFigures | null>;
  finish: FinishFigures[] | null;
  callModel: CallModelFigures | null;
  heap: HeapFigures | null;
  flush: Array<FlushFigures | null>;
  cli: CliFigures[];
}

/** Slack over a flush bound for timer scheduling. */
const FLUSH_SLACK_MS = 250;
const ENDPOINT: Record<FaultyEndpoint, string> = {
  '500': 'answers 500',
  '429': 'answers 429',
  hang: 'never answers',
  refused: 'refuses connections',
};
const cliLabel = (sentry: CliSentry): string => (sentry === 'off' || sentry === 'on' ? sentry : `on, endpoint ${ENDPOINT[sentry]}`);

const f = (n: number | null | undefined, digits = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const check = (ok: boolean): string => (ok ? 'ok  ' : 'MISS');

/** Print the benchmark's table and its targets. */
export function printReport(b: BenchFigures): void {
  const perCall = b.perCall.filter((p): p is PerCallFigures => p !== null);
  console.log("Per agent call (µs, medians of interleaved rounds; one process per row, a fresh run per round; ratios: medians of each round's)");
  console.log('                     calls/run    floor     pino   SDK alone   record()   record/floor   record/pino   record/SDK');
  for (const p of perCall) {
    console.log(
      `  Sentry ${p.sentry.padEnd(4)} ${String(p.calls).padStart(15)} ${f(p.floorUs).padStart(8)} ${f(p.pinoUs).padStart(8)} ${f(p.sdkAloneUs).padStart(11)} ${f(p.recordUs).padStart(10)} ${f(p.ratios.floor, 1).padStart(14)} ${f(p.ratios.pino).padStart(13)} ${f(p.ratios.sdkAlone).padStart(12)}`,
    );
  }
  console.log('\nfinish() and sizes (Sentry on, local endpoint, every run traced)');
  console.log('      calls   finish ms   line bytes   event bytes   event gzip   delivered   spans   envelopes');
  for (const r of b.finish ?? [])
    console.log(
      `${String(r.calls).padStart(11)} ${f(r.finishMs, 1).padStart(11)} ${String(r.lineBytes).padStart(12)} ${String(r.eventBytes ?? '—').padStart(13)} ${String(r.eventGzipBytes ?? '—').padStart(12)} ${String(r.eventDelivered).padStart(11)} ${String(r.spans).padStart(7)} ${String(r.envelopes).padStart(11)}`,
    );
  const flush = b.flush.filter((r): r is FlushFigures => r !== null);
  if (flush.length > 0) {
    console.log('\nflushObservability() after a failed run, the endpoint failing      bound ms   flush ms   resolved   requests');
    for (const r of flush)
      console.log(
        `  endpoint ${ENDPOINT[r.endpoint].padEnd(55)} ${String(r.boundMs).padStart(8)} ${f(r.flushMs, 0).padStart(10)} ${String(r.flushed).padStart(10)} ${String(r.requests ?? '—').padStart(10)}`,
      );
  }
  if (b.callModel) console.log(`\ncallModel() µs per call by tenth of ${b.callModel.calls} calls: ${b.callModel.tenthsUs.map((t) => f(t, 1)).join(' ')}`);
  if (b.heap) console.log(`\nHeap retained per run after ${b.heap.runs} in-process runs: ${f(b.heap.retainedBytesPerRun, 0)} bytes`);
  console.log('\nCLI on examples/brand-tracker (ms, medians)               first stage line    exit    the run itself   outside the run   exit code');
  for (const c of b.cli)
    console.log(
      `  Sentry ${cliLabel(c.sentry).padEnd(50)} ${f(c.firstStageMs, 0).padStart(16)} ${f(c.exitMs, 0).padStart(7)} ${f(c.runMs, 0).padStart(17)} ${f(c.exitMs - c.runMs, 0).padStart(17)} ${c.exitCodes.join('/').padStart(11)}`,
    );

  const at100k = b.finish?.find((r) => r.calls === 100_000);
  const tenths = b.callModel?.tenthsUs ?? [];
  const [cliOff, cliOn] = [b.cli.find((c) => c.sentry === 'off'), b.cli.find((c) => c.sentry === 'on')];
  console.log('\nTargets');
  for (const p of perCall.filter((x) => x.sentry === 'off'))
    console.log(`  ${check(p.ratios.pino <= 0.2)} record() with Sentry off ≤ 0.2× pino's line, ${p.calls}-call runs: ${f(p.ratios.pino)}×`);
  for (const p of perCall.filter((x) => x.sentry === 'on' && x.ratios.sdkAlone !== null))
    console.log(
      `  ${check(p.ratios.sdkAlone! <= 1.15)} record() with Sentry on ≤ 1.15× the SDK alone, ${p.calls}-call runs: ${f(p.ratios.sdkAlone)}× (${f(p.ratios.pino)}× pino)`,
    );
  for (const p of perCall.filter((x) => x.sameAsRecord !== null))
    console.log(`  ${check(p.sameAsRecord === true)} the SDK alone sends the same breadcrumbs and spans as record() (${p.calls}-call process)`);
  if (tenths.length === 10) console.log(`  ${check(tenths[9]! <= 1.2 * tenths[0]!)} callModel() flat: last tenth ≤ 1.2× first: ${f(tenths[9]! / tenths[0]!)}×`);
  if (at100k)
    console.log(
      `  ${check(at100k.finishMs <= 20 && at100k.eventDelivered)} finish() ≤ 20 ms at 100k calls, event delivered: ${f(at100k.finishMs, 1)} ms, ${at100k.eventDelivered}`,
    );
  if (b.heap) console.log(`  ${check(b.heap.retainedBytesPerRun <= 5 * 1024)} heap retained per run ≤ 5 KB: ${f(b.heap.retainedBytesPerRun / 1024)} KB`);
  if (flush.length > 0)
    console.log(
      `  ${check(flush.every((r) => r.flushMs <= r.boundMs + FLUSH_SLACK_MS))} flush keeps its bound against a failing endpoint: ${flush.map((r) => `${r.endpoint} ${f(r.flushMs, 0)}/${r.boundMs} ms`).join(', ')}`,
    );
  const failing = b.cli.filter((c) => c.sentry !== 'off' && c.sentry !== 'on');
  if (cliOn && failing.length > 0) {
    // Against Sentry on with a working endpoint, so that loading the SDK is on both sides.
    const extra = (c: CliFigures) => c.exitMs - c.runMs - (cliOn.exitMs - cliOn.runMs);
    console.log(
      `  ${check(failing.every((c) => extra(c) <= CLI_FLUSH_BOUND_MS))} CLI with a failing endpoint: outside the run at most the flush bound (${CLI_FLUSH_BOUND_MS} ms) over a working one: ${failing.map((c) => `${c.sentry} ${extra(c) >= 0 ? '+' : ''}${f(extra(c), 0)} ms`).join(', ')}`,
    );
  }
  if (cliOff && cliOn)
    console.log(
      `  info CLI with Sentry on vs off: first stage line ${f(cliOn.firstStageMs / cliOff.firstStageMs)}×, whole run ${f(cliOn.runMs / cliOff.runMs)}×`,
    );
}
