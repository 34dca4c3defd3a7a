import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { EventBus } from '@/lib/events/EventBus';
import { PipelineOrchestrator, type RunPipelineFn } from '@/lib/webRuns/pipelineOrchestrator';
import { flushObservability, initObservability, memoryLineSink } from '@/lib/observability';
import { activeRunCount } from '@/lib/observability/run/activeRuns';
import { changes, deferred, within } from '../support/deadline';
import { EnvelopeServer } from '../support/envelopeServer';
import { tempDir } from '../support/webInputs';
import { observedRunner } from './helpers/observedRunner';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { memoryStore } from '../support/memoryStore';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

function eventsOf(runId: string): Array<Record<string, unknown>> {
  return server.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === runId);
}

/** An orchestrator over the given runner, with an in-memory database and line sink. */
async function setup(runPipeline: RunPipelineFn, maxConcurrent = 1) {
  const { runs } = await memoryStore();
  const { sink, lines } = memoryLineSink();
  const orchestrator = new PipelineOrchestrator({ runPipeline, runs, bus: new EventBus(), maxConcurrent, outputRoot: tempDir(), lineSink: sink });
  const start = async (id: string, signal?: AbortSignal) => {
    await runs.create({ id, orgId: 'acme', userId: 'u1', dataset: id, inputKind: 'example', inputDir: null });
    return orchestrator.runPipelineFromUpload({ runId: id, orgId: 'acme', userId: 'u1', inputs: { datasetName: id, savPath: '/x.sav' }, signal });
  };
  const linesOf = (id: string) => lines.filter((l) => l.includes(`"pipelineId":"${id}"`));
  return { runs, orchestrator, start, linesOf };
}

/**
 * A runner that holds each run until its signal aborts (then ends it through the real observability as cancelled);
 * `whenStarted(n)` waits until it has started `n` runs, or the run named.
 */
function blockingRunner(): { runPipeline: RunPipelineFn; started: Set<string>; whenStarted: (runs: number | string) => Promise<void> } {
  const started = new Set<string>();
  const starts = changes();
  const inner = observedRunner({ callsPerStage: 1 });
  const runPipeline: RunPipelineFn = async (options) => {
    started.add(options.runId!);
    starts.changed();
    await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
    return inner(options);
  };
  const whenStarted = (runs: number | string) =>
    typeof runs === 'number' ? starts.until(() => started.size >= runs, `${runs} runs started`) : starts.until(() => started.has(runs), `run ${runs} started`);
  return { runPipeline, started, whenStarted };
}

/** Exactly one line and one event for the run, both with this outcome; returns the event. */
async function expectOnce(linesOf: (id: string) => string[], id: string, outcome: string): Promise<Record<string, unknown>> {
  const lines = linesOf(id);
  expect(lines, `${id}: lines`).toHaveLength(1);
  expect(parseCanonicalLine(lines[0]).outcome).toBe(outcome);
  expect(await flushObservability(5000)).toBe(true);
  await server.waitFor(() => eventsOf(id).length >= 1);
  const events = eventsOf(id);
  expect(events, `${id}: events`).toHaveLength(1);
  expect((events[0]!.tags as Record<string, string>).outcome).toBe(outcome);
  return events[0]!;
}

describe('every web exit ends with exactly one line and one event', () => {
  it('success', async () => {
    const { start, linesOf } = await setup(observedRunner({ callsPerStage: 1 }));
    expect((await start('web-success'))?.status).toBe('success');
    await expectOnce(linesOf, 'web-success', 'success');
  });

  it('a stage failure', async () => {
    const failing: RunPipelineFn = (options) => observedRunner({ callsPerStage: 1, failAt: 'CrosstabAgent' })(options);
    const { start, linesOf } = await setup(failing);
    expect((await start('web-failure'))?.status).toBe('error');
    const event = await expectOnce(linesOf, 'web-failure', 'error');
    expect(event.level).toBe('error');
  });

  it('cancel while running: one info-level event, no exception', async () => {
    const blocking = blockingRunner();
    const { start, linesOf, orchestrator } = await setup(blocking.runPipeline);
    const done = start('web-cancel-running');
    await blocking.whenStarted('web-cancel-running');
    expect(await orchestrator.cancel('web-cancel-running')).toBe('aborting');
    expect((await done)?.status).toBe('cancelled');
    const event = await expectOnce(linesOf, 'web-cancel-running', 'cancelled');
    expect(event.level).toBe('info');
    expect(event.exception).toBeUndefined();
  });

  it('cancel while queued', async () => {
    const blocking = blockingRunner();
    const { start, linesOf, orchestrator, runs } = await setup(blocking.runPipeline, 1);
    const first = start('web-occupant');
    const queued = start('web-cancel-queued');
    await blocking.whenStarted('web-occupant');
    expect(await orchestrator.cancel('web-cancel-queued')).toBe('dequeued');
    const record = await queued;
    expect(record?.status).toBe('cancelled');
    expect(record?.canonicalLine).toBe(linesOf('web-cancel-queued')[0]);
    const event = await expectOnce(linesOf, 'web-cancel-queued', 'cancelled');
    expect(event.level).toBe('info');
    expect(blocking.started.has('web-cancel-queued')).toBe(false);
    void orchestrator.cancel('web-occupant');
    await first;
    expect((await runs.getById('web-cancel-queued'))?.status).toBe('cancelled');
  });

  it('aborted by the caller before it starts', async () => {
    const { start, linesOf } = await setup(observedRunner({ callsPerStage: 1 }));
    const controller = new AbortController();
    controller.abort();
    expect((await start('web-aborted-early', controller.signal))?.status).toBe('cancelled');
    await expectOnce(linesOf, 'web-aborted-early', 'cancelled');
  });

  it('a runner that throws before its first stage', async () => {
    const throwing: RunPipelineFn = () => Promise.reject(new Error('runner could not start'));
    const { start, linesOf } = await setup(throwing);
    const record = await start('web-runner-throws');
    expect(record?.status).toBe('error');
    expect(record?.canonicalLine).toBe(linesOf('web-runner-throws')[0]);
    const event = await expectOnce(linesOf, 'web-runner-throws', 'error');
    expect(event.level).toBe('error');
  });

  it('a runner that throws after it emitted its own line: still one line and one event, and the record says what the line says', async () => {
    const inner = observedRunner({ callsPerStage: 1 });
    const lateThrow: RunPipelineFn = async (options) => {
      await inner(options);
      throw new Error('failed after finishing');
    };
    const { start, linesOf } = await setup(lateThrow);
    // The run ended when its line was settled (success); the later throw changes nothing: one outcome everywhere.
    expect((await start('web-late-throw'))?.status).toBe('success');
    await expectOnce(linesOf, 'web-late-throw', 'success');
  });

  it('server shutdown with runs in flight: running and queued runs end as cancelled, each with one line and event', async () => {
    const blocking = blockingRunner();
    const { start, linesOf, orchestrator, runs } = await setup(blocking.runPipeline, 2);
    const ids = ['web-shutdown-1', 'web-shutdown-2', 'web-shutdown-3'];
    const done = ids.map((id) => start(id));
    await blocking.whenStarted(2);
    await orchestrator.shutdown(2000);
    await Promise.all(done);
    for (const id of ids) {
      expect((await runs.getById(id))?.status, id).toBe('cancelled');
      await expectOnce(linesOf, id, 'cancelled');
    }
    expect(activeRunCount()).toBe(0);
  });

  it('server shutdown with a run that does not stop in time: it is ended as cancelled and its record is not left running', async () => {
    const called = deferred();
    const stuck: RunPipelineFn = (options) => {
      called.resolve();
      return new Promise(() => void options);
    };
    const { start, linesOf, orchestrator, runs } = await setup(stuck, 1);
    void start('web-stuck');
    await within(called.promise, 'the stuck run handed to its runner');
    expect((await runs.getById('web-stuck'))?.status).toBe('running');
    await orchestrator.shutdown(50);
    expect((await runs.getById('web-stuck'))?.status).toBe('cancelled');
    await expectOnce(linesOf, 'web-stuck', 'cancelled');
  });
});
