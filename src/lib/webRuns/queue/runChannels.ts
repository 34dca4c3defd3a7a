import type Redis from 'ioredis';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';
import type { PipelineEvent } from '@/lib/events/EventBus';
import { withoutSpans } from '@/lib/observability';

/** Redis channels between the processes of a distributed deployment. */
const UPDATES = 'crosstab:run-updates';
const CANCELS = 'crosstab:run-cancels';
/** One channel per run for its pipeline events, so an instance receives only the events of runs someone watches there. */
const EVENTS_PREFIX = 'crosstab:run-events:';

/**
 * What travels between processes besides the queue itself: "this run's record changed" (so any app instance can stream
 * a run's progress, whichever worker runs it), "cancel this run" (reaching the worker that runs it), both carrying a run
 * id only (the record is read from the shared store), and a run's pipeline events (stages, agent calls, cost) as JSON on
 * the run's own channel, subscribed to while some stream watches the run.
 */
export class RunChannels {
  private readonly updateListeners = new Set<(runId: string) => void>();
  private readonly cancelListeners = new Set<(runId: string) => void>();
  private readonly eventListeners = new Map<string, Set<(event: PipelineEvent) => void>>();
  private subscribed: Promise<unknown> | null = null;

  /** `publisher` sends; `subscriber` (a connection of its own: Redis puts it in subscriber mode) receives. */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, runId: string) => {
      if (channel.startsWith(EVENTS_PREFIX)) return this.deliverEvent(channel.slice(EVENTS_PREFIX.length), runId);
      const listeners = channel === UPDATES ? this.updateListeners : channel === CANCELS ? this.cancelListeners : null;
      for (const listener of listeners ?? []) {
        try {
          listener(runId);
        } catch (err) {
          operatorLog('queue', `a ${channel} listener threw: ${errorMessage(err)}`);
        }
      }
    });
  }

  /** Listen from now on (resolves once the subscriptions are active). */
  ready(): Promise<unknown> {
    this.subscribed ??= this.subscriber.subscribe(UPDATES, CANCELS);
    return this.subscribed;
  }

  /** Tell every process that the run's record changed. Never rejects (progress is best effort; the store is the truth). */
  async publishUpdate(runId: string): Promise<void> {
    await withoutSpans(() => this.publisher.publish(UPDATES, runId)).catch((err: unknown) =>
      operatorLog('queue', `publishing an update failed: ${errorMessage(err)}`),
    );
  }

  /** Ask whichever process runs the run to cancel it. */
  async publishCancel(runId: string): Promise<void> {
    await this.publisher.publish(CANCELS, runId);
  }

  /** Call `listener` with the id of every run whose record changed; returns the unsubscribe function. */
  onUpdate(listener: (runId: string) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Call `listener` with the id of every run someone asked to cancel; returns the unsubscribe function. */
  onCancel(listener: (runId: string) => void): () => void {
    this.cancelListeners.add(listener);
    return () => this.cancelListeners.delete(listener);
  }

  /** Send one of a run's pipeline events to whoever watches the run. Never rejects (best effort, like progress). */
  async publishEvent(event: PipelineEvent): Promise<void> {
    await withoutSpans(() => this.publisher.publish(EVENTS_PREFIX + event.runId, JSON.stringify(event))).catch((err: unknown) =>
      operatorLog('queue', `publishing a pipeline event failed: ${errorMessage(err)}`),
    );
  }

  /** Call `listener` with every pipeline event of one run, from whichever process runs it; returns the unsubscribe function. */
  onEvents(runId: string, listener: (event: PipelineEvent) => void): () => void {
    let listeners = this.eventListeners.get(runId);
    if (!listeners) {
      listeners = new Set();
      this.eventListeners.set(runId, listeners);
      void withoutSpans(() => this.subscriber.subscribe(EVENTS_PREFIX + runId)).catch((err: unknown) =>
        operatorLog('queue', `subscribing to a run's events failed: ${errorMessage(err)}`),
      );
    }
    listeners.add(listener);
    return () => {
      const current = this.eventListeners.get(runId);
      if (!current?.delete(listener) || current.size > 0) return;
      this.eventListeners.delete(runId);
      void withoutSpans(() => this.subscriber.unsubscribe(EVENTS_PREFIX + runId)).catch(() => undefined);
    };
  }

  private deliverEvent(runId: string, json: string): void {
    const listeners = this.eventListeners.get(runId);
    if (!listeners) return;
    let event: PipelineEvent;
    try {
      event = JSON.parse(json) as PipelineEvent;
    } catch {
      return;
    }
    if (event.runId !== runId) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        operatorLog('queue', `a run events listener threw: ${errorMessage(err)}`);
      }
    }
  }
}
