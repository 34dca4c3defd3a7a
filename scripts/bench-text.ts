/**
 * Text-handling benchmark: `npm run bench:text`.
 * Runs the banner path (BannerAgent → CrosstabAgent) and the survey path (SkipLogicAgent → FilterTranslatorAgent) with the
 * local model on the employee-pulse example's data map, over adversarial text shapes at 64 KB, 256 KB and 1 MB, and prints
 * milliseconds per size, the ratio between sizes (linear ≈ 4× per 4× size) and the longest event-loop stall.
 * Each shape runs in its own process with a time limit, so a regression shows as "timeout" instead of a hung benchmark.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runBannerAgent, runCrosstabAgent, runFilterTranslatorAgent, runSkipLogicAgent } from '@/agents';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { warmTokenizer } from '@/lib/llm/tokenizer';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import type { DataMap } from '@/lib/core/types';
import { readSavFile } from '@/lib/sav';
import { asBannerPlan, asSurvey, TEXT_SHAPES } from '../tests/support/adversarialText';

const SIZES = [64 * 1024, 256 * 1024, 1024 * 1024];
const SHAPE_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);
const SAV = path.resolve(__dirname, '../examples/employee-pulse/employee-pulse.sav');

interface Measure {
  ms: number;
  /** Longest event-loop stall during the run, in ms. */
  stallMs: number;
  outcome: 'ok' | 'input' | 'error';
}
interface ShapeFigures {
  shape: string;
  banner: Measure[];
  survey: Measure[];
}

async function measure(fn: () => Promise<unknown>): Promise<Measure> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  let outcome: Measure['outcome'] = 'ok';
  try {
    await fn();
  } catch (err) {
    outcome = err instanceof PipelineInputError ? 'input' : 'error';
    if (outcome === 'error') process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  }
  const ms = performance.now() - t0;
  delay.disable();
  return { ms, stallMs: delay.max / 1e6, outcome };
}

async function measureShape(index: number): Promise<ShapeFigures> {
  const shape = TEXT_SHAPES[index]!;
  setModelProvider(new LocalModelProvider());
  warmTokenizer();
  const dataMap: DataMap = buildDataMap(await readSavFile(SAV));
  const figures: ShapeFigures = { shape: shape.name, banner: [], survey: [] };
  // One unmeasured pass at the smallest size, so the first figure is not the JIT compiler's.
  const warm = shape.make(SIZES[0]!);
  await measure(async () => runCrosstabAgent(await runBannerAgent(asBannerPlan(warm), dataMap), dataMap));
  await measure(async () => runFilterTranslatorAgent(await runSkipLogicAgent(asSurvey(warm), dataMap), dataMap));
  for (const size of SIZES) {
    const payload = shape.make(size);
    const plan = asBannerPlan(payload);
    const survey = asSurvey(payload);
    figures.banner.push(await measure(async () => runCrosstabAgent(await runBannerAgent(plan, dataMap), dataMap)));
    figures.survey.push(await measure(async () => runFilterTranslatorAgent(await runSkipLogicAgent(survey, dataMap), dataMap)));
  }
  return figures;
}

function cell(m: Measure | undefined): string {
  if (!m) return 'timeout';
  const mark = m.outcome === 'ok' ? '' : m.outcome === 'input' ? '†' : '!';
  return `${Math.round(m.ms)}${mark}`;
}

function ratio(a: Measure | undefined, b: Measure | undefined): string {
  return a && b ? `${(b.ms / Math.max(a.ms, 1)).toFixed(1)}×` : '—';
}

function row(label: string, ms: Measure[]): string {
  const [s, m, l] = [ms[0], ms[1], ms[2]];
  const stall = ms.length > 0 ? Math.round(Math.max(...ms.map((x) => x.stallMs))) : NaN;
  return `${label.padEnd(22)} ${cell(s).padStart(7)} ${cell(m).padStart(8)} ${cell(l).padStart(8)} ${ratio(s, m).padStart(6)} ${ratio(m, l).padStart(6)} ${String(stall).padStart(9)}`;
}

async function main(): Promise<void> {
  const child = process.argv[2];
  if (child !== undefined) {
    process.stdout.write(JSON.stringify(await measureShape(Number(child))) + '\n');
    process.exit(0);
  }
  const only = process.env.BENCH_SHAPES?.split(',').map((s) => s.trim());
  const results: Array<{ name: string; figures: ShapeFigures | null }> = [];
  for (const [i, shape] of TEXT_SHAPES.entries()) {
    if (only && !only.includes(shape.name)) continue;
    const res = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(i)], { encoding: 'utf8', timeout: SHAPE_TIMEOUT_MS, maxBuffer: 1 << 26 });
    const last = res.stdout?.trim().split('\n').at(-1) ?? '';
    let figures: ShapeFigures | null = null;
    try {
      figures = JSON.parse(last) as ShapeFigures;
    } catch {
      process.stderr.write(`${shape.name}: ${res.error ? `stopped after ${SHAPE_TIMEOUT_MS} ms` : `failed\n${res.stderr}`}\n`);
    }
    results.push({ name: shape.name, figures });
  }
  console.log('Text-handling benchmark (local model, employee-pulse data map): milliseconds per input size');
  console.log(
    `Machine: ${process.arch}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (wall-clock figures grow with load)`,
  );
  console.log('banner = BannerAgent + CrosstabAgent; survey = SkipLogicAgent + FilterTranslatorAgent; † = ended with an input error\n');
  console.log(
    `${'shape / path'.padEnd(22)} ${'64 KB'.padStart(7)} ${'256 KB'.padStart(8)} ${'1 MB'.padStart(8)} ${'×4'.padStart(6)} ${'×4'.padStart(6)} ${'stall ms'.padStart(9)}`,
  );
  for (const { name, figures } of results) {
    console.log(name);
    console.log(row('  banner', figures?.banner ?? []));
    console.log(row('  survey', figures?.survey ?? []));
  }
  console.log('\n×4 = time at the larger size ÷ time at the smaller one (linear ≈ 4×); stall = longest event-loop block in any run.');
}

void main();
