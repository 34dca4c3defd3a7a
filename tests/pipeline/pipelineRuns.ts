import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/nextjs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { readEnv } from '@/lib/env';
import { resetModelProvider } from '@/lib/llm';
import { flushObservability, initObservability, type CanonicalLine } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { PipelineRunResult } from '@/lib/pipeline/runOptions';
import { EnvelopeServer, type ReceivedSpan } from '../support/envelopeServer';
import { EXAMPLES, captureCanonicalLines, captureMetricsRecords, parseLine } from './pipelineHarness';

/**
 * In-process pipeline runs with Sentry on (a local envelope endpoint), their lines kept by a line sink and their agent
 * calls recorded: `setupPipelineRuns()` registers the hooks of one test file; the helpers read what it collected.
 */
const state: {
  tmp: string;
  server: EnvelopeServer;
  lines: ReturnType<typeof captureCanonicalLines>;
  records: ReturnType<typeof captureMetricsRecords>;
  seq: number;
} = {
  tmp: '',
  server: undefined as unknown as EnvelopeServer,
  lines: undefined as unknown as ReturnType<typeof captureCanonicalLines>,
  records: undefined as unknown as ReturnType<typeof captureMetricsRecords>,
  seq: 0,
};

export const BRAND = path.join(EXAMPLES, 'brand-tracker');
export const PULSE = path.join(EXAMPLES, 'employee-pulse');
export const COMMUTER = path.join(EXAMPLES, 'commuter-survey');

/** One run: its result, its canonical line, its output folder. */
export interface Run {
  result: PipelineRunResult;
  line: CanonicalLine;
  dir: string;
}

/** Register the file's hooks: Sentry on against a local endpoint, a temporary folder, line and call capture. */
export function setupPipelineRuns(): void {
  beforeAll(async () => {
    state.tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-pipeline-'));
    state.server = await EnvelopeServer.start('ok');
    expect(await initObservability(readEnv({ SENTRY_DSN: state.server.dsn(), NODE_ENV: 'test' }))).toBe(true);
    state.lines = captureCanonicalLines();
    state.records = captureMetricsRecords();
  });
  afterEach(() => {
    resetModelProvider();
  });
  afterAll(async () => {
    state.records?.restore();
    await Sentry.close(2000);
    await state.server?.close();
    if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
  });
}

/** Every canonical line the runs of this file emitted. */
export function allLines(): string[] {
  return state.lines.all;
}

/** The agent calls recorded in a run. */
export function recordsOf(runId: string) {
  return state.records.byRun(runId);
}

/** One in-process run with its own output folder; the canonical line is the one the line sink received. */
export async function run(datasetDir: string, extra: { signal?: AbortSignal; runId?: string } = {}): Promise<Run> {
  state.seq += 1;
  const runId = extra.runId ?? `test-${path.basename(datasetDir)}-${state.seq}`;
  const dir = path.join(state.tmp, runId);
  const result = await runPipeline({ lineSink: state.lines.sink, inputs: { datasetDir }, outputDir: dir, runId, source: 'cli', signal: extra.signal });
  const printed = state.lines.byRun(runId);
  expect(printed, `exactly one canonical line for ${runId}`).toHaveLength(1);
  expect(printed[0]).toBe(result.canonicalLine);
  return { result, line: parseLine(printed[0]), dir };
}

/** A dataset folder made of copies (and optional banner/survey text). */
export function dataset(name: string, files: Record<string, string>, texts: Record<string, string> = {}): string {
  const dir = path.join(state.tmp, 'inputs', name);
  mkdirSync(dir, { recursive: true });
  for (const [target, source] of Object.entries(files)) copyFileSync(source, path.join(dir, target));
  for (const [target, text] of Object.entries(texts)) writeFileSync(path.join(dir, target), text);
  return dir;
}

/** A JSON file, parsed. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Calls per agent in a line. */
export function callsByAgent(line: CanonicalLine): Record<string, number> {
  return Object.fromEntries(Object.entries(line.agents).map(([agent, r]) => [agent, r.calls]));
}

/** The Sentry events of one run (by its pipeline_id tag). */
export function eventsOf(runId: string): Array<Record<string, unknown>> {
  return state.server.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === runId);
}

/** The spans of one trace. */
export function spansOf(traceId: string): ReceivedSpan[] {
  return state.server.spans().filter((s) => s.trace_id === traceId);
}

/** Op of a span, in either span format. */
export function opOf(span: ReceivedSpan): unknown {
  const attributes = span.attributes as Record<string, { value: unknown } | undefined> | undefined;
  return attributes?.['sentry.op']?.value ?? span.op;
}

/** Flush, then wait until the run's event and all its spans (root + stages + gen_ai) arrived. */
export async function delivered(line: CanonicalLine): Promise<void> {
  await flushObservability(5000);
  await state.server.waitFor(
    () => eventsOf(line.pipelineId).length >= 1 && spansOf(line.traceId!).length >= 1 + line.stages.length + line.totals.agentCalls,
    10_000,
  );
}
