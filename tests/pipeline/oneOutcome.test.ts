import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus, getEventBus, type PipelineEvent } from '@/lib/events/EventBus';
import { memoryLineSink, startRunObservability, type RunObservability } from '@/lib/observability';
import type { WideEventSentryPayload } from '@/lib/observability/sentry/sentryEventPayload';
import { RunComputation } from '@/lib/pipeline/cpu/RunComputation';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { PipelineRunOptions } from '@/lib/pipeline/runOptions';
import { PipelineOrchestrator } from '@/lib/webRuns/pipelineOrchestrator';
import { tempDir } from '../support/webInputs';
import { EXAMPLES, parseLine, readFailureRecords } from './pipelineHarness';
import { memoryStore } from '../support/memoryStore';

/**
 * The case where outputs used to disagree: a stage that throws an ordinary error (not a cancellation) after the user's
 * cancel fired. The run is decided once, cancelled, and every output says so.
 */
class FailsAfterCancel extends RunComputation {
  constructor(
    signal: AbortSignal,
    private readonly cancel: () => void,
  ) {
    super(signal);
  }

  override async computeCrosstabs(): Promise<never> {
    this.cancel();
    throw new Error('connection to the scratch disk was lost');
  }
}

const sentPayloads: Array<{ payload: WideEventSentryPayload; error: unknown }> = [];
afterEach(() => void sentPayloads.splice(0));

/** A run handle whose Sentry event is kept here (the payload and the exception it would carry). */
function observed(runId: string, source: 'cli' | 'web', signal: AbortSignal, sink = memoryLineSink().sink): RunObservability {
  return startRunObservability({
    runId,
    dataset: 'employee-pulse',
    source,
    signal,
    sinks: [sink],
    sentry: (payload, error) => void sentPayloads.push({ payload, error }),
  });
}

function expectCancelledEverywhere(outputDir: string, line: string): void {
  expect(parseLine(line)).toMatchObject({ outcome: 'cancelled', error: { type: 'Error', stage: 'CrosstabComputation' } });
  expect(sentPayloads).toHaveLength(1);
  expect(sentPayloads[0]!.payload).toMatchObject({ level: 'info', tags: expect.objectContaining({ outcome: 'cancelled' }) });
  expect(sentPayloads[0]!.error).toBeUndefined();
  const summary = JSON.parse(readFileSync(path.join(outputDir, 'pipeline-summary.json'), 'utf8')) as { outcome: string; errors: { fatal: unknown } };
  expect(summary.outcome).toBe('cancelled');
  expect(summary.errors.fatal).toBeNull();
  const aborted = readFailureRecords(outputDir).filter((r) => r.actionTaken === 'aborted-run');
  expect(aborted).toMatchObject([{ severity: 'warning', classification: 'cancelled', stage: 'CrosstabComputation' }]);
  expect(readFileSync(path.join(outputDir, 'wide-event.json'), 'utf8').trim()).toBe(line);
}

describe('one run, one outcome: an ordinary error thrown after the cancel fired', () => {
  it('CLI path: the result, the line, the Sentry event, pipeline-summary.json, errors.ndjson and the event bus all say cancelled', async () => {
    const outputDir = path.join(tempDir(), 'run');
    const controller = new AbortController();
    const events: PipelineEvent[] = [];
    const stop = getEventBus().onAny((e) => void events.push(e), 'after-cancel');
    const { sink, lines } = memoryLineSink();
    const options: PipelineRunOptions = {
      inputs: { datasetDir: path.join(EXAMPLES, 'employee-pulse') },
      outputDir,
      runId: 'after-cancel',
      source: 'cli',
      signal: controller.signal,
      observability: observed('after-cancel', 'cli', controller.signal, sink),
      cpuStages: (signal) => new FailsAfterCancel(signal, () => controller.abort()),
    };
    const result = await runPipeline(options).finally(stop);
    expect(result.outcome).toBe('cancelled');
    expect(lines).toHaveLength(1);
    expectCancelledEverywhere(outputDir, lines[0]!);
    const ended = events.filter((e) => e.type === 'pipeline:failed' || e.type === 'pipeline:complete');
    expect(ended).toMatchObject([{ type: 'pipeline:failed', outcome: 'cancelled', stage: 'CrosstabComputation' }]);
  });

  it('web path: the run record says cancelled too, and holds the same line', async () => {
    const { runs } = await memoryStore();
    const outputRoot = tempDir();
    const { sink, lines } = memoryLineSink();
    let cancel = (): void => undefined;
    const orchestrator = new PipelineOrchestrator({
      runPipeline: (options) => {
        cancel = () => orchestrator.cancel(options.runId!);
        return runPipeline({ ...options, cpuStages: (signal) => new FailsAfterCancel(signal, cancel) });
      },
      runs,
      bus: new EventBus(),
      maxConcurrent: 1,
      outputRoot,
      lineSink: sink,
      sentry: (payload, error) => void sentPayloads.push({ payload, error }),
    });
    await runs.create({ id: 'web-after-cancel', orgId: 'acme', userId: 'u1', dataset: 'employee-pulse', inputKind: 'example', inputDir: null });
    const record = await orchestrator.runPipelineFromUpload({
      runId: 'web-after-cancel',
      orgId: 'acme',
      userId: 'u1',
      inputs: { datasetName: 'employee-pulse', savPath: path.join(EXAMPLES, 'employee-pulse', 'employee-pulse.sav') },
    });
    expect(record).toMatchObject({ status: 'cancelled', outcome: 'cancelled', error: null });
    expect(lines).toHaveLength(1);
    expect(record?.canonicalLine).toBe(lines[0]);
    expectCancelledEverywhere(path.join(outputRoot, 'acme', 'web-after-cancel'), lines[0]!);
  });
});
