import { describe, expect, it } from 'vitest';
import { cancelOnSignals } from '@/lib/cli/cancelOnSignals';
import { getAgentMetrics, memoryLineSink, startRunObservability } from '@/lib/observability';
import { activeRunCount } from '@/lib/observability/run/activeRuns';
import { deferred, within } from '../support/deadline';
import { agentCall } from './helpers/agentCall';
import { parseCanonicalLine } from './helpers/lineAssertions';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a run that does not stop when cancelled', () => {
  it('is ended from outside by a second Ctrl-C: one cancelled line with what it recorded, open stages cancelled, exit 130', async () => {
    const { sink, lines } = memoryLineSink();
    const warnings: string[] = [];
    const controller = new AbortController();
    const obs = startRunObservability({
      runId: 'stuck',
      dataset: 'demo',
      source: 'cli',
      signal: controller.signal,
      sinks: [sink],
      warn: (m) => void warnings.push(m),
    });
    const recorded = deferred();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = obs.run(async () => {
      await obs.stage('validation', tick);
      await obs.stage('BannerAgent', async () => {
        getAgentMetrics().record(agentCall({ agentName: 'BannerAgent' }));
        recorded.resolve();
        await held; // ignores the abort, as a stage stuck in a call would
      });
    });
    await within(recorded.promise, 'the stuck stage recording its agent call');

    const exits: number[] = [];
    const exited = deferred();
    const log: string[] = [];
    const before = new Map((['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, process.listeners(signal)]));
    const signals = cancelOnSignals({
      controller,
      stopBoundMs: 60_000,
      quitFlushMs: 10,
      repeatIntervalMs: 0,
      log: (l) => void log.push(l),
      exit: (code) => {
        exits.push(code);
        exited.resolve();
      },
    });
    try {
      process.emit('SIGINT');
      expect(controller.signal.aborted).toBe(true);
      expect(lines).toHaveLength(0);
      process.emit('SIGINT');
      expect(lines).toHaveLength(1);
      const line = parseCanonicalLine(lines[0]);
      expect(line.outcome).toBe('cancelled');
      expect(line.stages.map((s) => [s.name, s.status])).toEqual([
        ['validation', 'ok'],
        ['BannerAgent', 'cancelled'],
      ]);
      expect(line.totals.agentCalls).toBe(1);
      expect(activeRunCount()).toBe(0);
      await within(exited.promise, 'exit after the second Ctrl-C');
      expect(exits).toEqual([130]);
      expect(signals.received).toBe('SIGINT');
      // The run's own end later changes nothing: still one line.
      release();
      await running;
      expect(obs.finish({ outcome: 'success' })).toBe(lines[0]);
      expect(lines).toHaveLength(1);
    } finally {
      for (const [signal, kept] of before) for (const l of process.listeners(signal)) if (!kept.includes(l)) process.off(signal, l);
    }
  });

  it('is ended when it has not stopped within the bound after SIGTERM (exit 143)', async () => {
    const { sink, lines } = memoryLineSink();
    const controller = new AbortController();
    const obs = startRunObservability({ runId: 'stuck-term', dataset: 'demo', source: 'cli', signal: controller.signal, sinks: [sink], warn: () => undefined });
    void obs.run(() => obs.stage('CrosstabComputation', () => new Promise(() => undefined)));
    const exits: number[] = [];
    const exited = deferred();
    const before = new Map((['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, process.listeners(signal)]));
    const exit = (code: number): void => {
      exits.push(code);
      exited.resolve();
    };
    cancelOnSignals({ controller, stopBoundMs: 20, quitFlushMs: 10, repeatIntervalMs: 0, log: () => undefined, exit });
    try {
      process.emit('SIGTERM');
      await within(exited.promise, 'exit once the stop bound after SIGTERM has passed');
      expect(exits).toEqual([143]);
      expect(lines).toHaveLength(1);
      expect(parseCanonicalLine(lines[0]).stages).toEqual([expect.objectContaining({ name: 'CrosstabComputation', status: 'cancelled' })]);
    } finally {
      for (const [signal, kept] of before) for (const l of process.listeners(signal)) if (!kept.includes(l)) process.off(signal, l);
    }
  });
});
