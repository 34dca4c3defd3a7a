import type { CallModelFigures } from './callModelFlat';
import type { CliFigures } from './cliTimes';
import type { FinishFigures } from './finishScaling';
import type { HeapFigures } from './heapPerRun';
import type { PerCallFigures } from './perCall';

/** Everything the benchmark measured (a part is null when its process failed). */
export interface BenchFigures {
  perCallOff: PerCallFigures | null;
  perCallOn: PerCallFigures | null;
  finish: FinishFigures[] | null;
  callModel: CallModelFigures | null;
  heap: HeapFigures | null;
  cli: CliFigures[];
}

const f = (n: number | null | undefined, digits = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const check = (ok: boolean): string => (ok ? 'ok  ' : 'MISS');

/** Print the benchmark's table and its targets. */
export function printReport(b: BenchFigures): void {
  console.log('Per agent call (µs, medians of interleaved rounds in one process)');
  console.log('              floor    pino   SDK alone   record()   record/pino   record/SDK');
  for (const p of [b.perCallOff, b.perCallOn]) {
    if (!p) continue;
    console.log(
      `  Sentry ${p.sentry.padEnd(4)} ${f(p.floorUs).padStart(6)} ${f(p.pinoUs).padStart(7)} ${f(p.sdkAloneUs).padStart(11)} ${f(p.recordUs).padStart(10)} ${f(p.recordUs / p.pinoUs).padStart(13)} ${p.sdkAloneUs ? f(p.recordUs / p.sdkAloneUs).padStart(12) : '           —'}`,
    );
  }
  console.log('\nfinish() and sizes (Sentry on, local endpoint)');
  console.log('      calls   finish ms   line bytes   event bytes   event gzip   delivered');
  for (const r of b.finish ?? [])
    console.log(
      `${String(r.calls).padStart(11)} ${f(r.finishMs, 1).padStart(11)} ${String(r.lineBytes).padStart(12)} ${String(r.eventBytes ?? '—').padStart(13)} ${String(r.eventGzipBytes ?? '—').padStart(12)} ${String(r.eventDelivered).padStart(11)}`,
    );
  if (b.callModel) console.log(`\ncallModel() µs per call by tenth of ${b.callModel.calls} calls: ${b.callModel.tenthsUs.map((t) => f(t, 1)).join(' ')}`);
  if (b.heap) console.log(`\nHeap retained per run after ${b.heap.runs} in-process runs: ${f(b.heap.retainedBytesPerRun, 0)} bytes`);
  console.log('\nCLI on examples/brand-tracker (ms, medians)     first stage line    exit    the run itself');
  for (const c of b.cli)
    console.log(`  Sentry ${c.sentry.padEnd(40)} ${f(c.firstStageMs, 0).padStart(16)} ${f(c.exitMs, 0).padStart(7)} ${f(c.runMs, 0).padStart(17)}`);

  const off = b.perCallOff;
  const on = b.perCallOn;
  const at100k = b.finish?.find((r) => r.calls === 100_000);
  const tenths = b.callModel?.tenthsUs ?? [];
  const [cliOff, cliOn] = [b.cli.find((c) => c.sentry === 'off'), b.cli.find((c) => c.sentry === 'on')];
  console.log('\nTargets');
  if (off) console.log(`  ${check(off.recordUs <= 0.2 * off.pinoUs)} record() with Sentry off ≤ 0.2× pino's line: ${f(off.recordUs / off.pinoUs)}×`);
  if (on?.sdkAloneUs)
    console.log(
      `  ${check(on.recordUs <= 1.15 * on.sdkAloneUs)} record() with Sentry on ≤ 1.15× the SDK alone: ${f(on.recordUs / on.sdkAloneUs)}× (${f(on.recordUs / on.pinoUs)}× pino)`,
    );
  if (tenths.length === 10) console.log(`  ${check(tenths[9]! <= 1.2 * tenths[0]!)} callModel() flat: last tenth ≤ 1.2× first: ${f(tenths[9]! / tenths[0]!)}×`);
  if (at100k)
    console.log(
      `  ${check(at100k.finishMs <= 20 && at100k.eventDelivered)} finish() ≤ 20 ms at 100k calls, event delivered: ${f(at100k.finishMs, 1)} ms, ${at100k.eventDelivered}`,
    );
  if (b.heap) console.log(`  ${check(b.heap.retainedBytesPerRun <= 5 * 1024)} heap retained per run ≤ 5 KB: ${f(b.heap.retainedBytesPerRun / 1024)} KB`);
  if (cliOff && cliOn)
    console.log(
      `  info CLI with Sentry on vs off: first stage line ${f(cliOn.firstStageMs / cliOff.firstStageMs)}×, whole run ${f(cliOn.runMs / cliOff.runMs)}×`,
    );
}
