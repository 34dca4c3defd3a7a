import type Redis from 'ioredis';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';
import { withoutSpans } from '@/lib/observability';

/** Redis channels between the processes of a distributed deployment. */
const UPDATES = 'crosstab:run-updates';
const CANCELS = 'crosstab:run-cancels';

/**
 * What travels between processes besides the queue itself: "this run's record changed" (so any app instance can stream
 * a run's progress, whichever worker runs it) and "cancel this run" (reaching the worker that runs it). Messages carry
 * a run id only; the record is read from the shared store.
 */
export class RunChannels {
  private readonly updateListeners = new Set<(runId: string) => void>();
  private readonly cancelListeners = new Set<(runId: string) => void>();
  private subscribed: Promise<unknown> | null = null;

  /** `publisher` sends; `subscriber` (a connection of its own: Redis puts it in subscriber mode) receives. */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, runId: string) => {
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
}
