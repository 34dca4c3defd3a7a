import type { MemoryBudget } from './memoryBudget';

interface Waiting {
  id: string;
  start: () => Promise<unknown>;
  done: () => void;
  /** What the task is expected to hold; null while it is being measured. */
  bytes: number | null;
}

/**
 * A FIFO of tasks with at most `limit` running at once and, given a memory budget, only as many as the budget holds
 * (each task says what it is expected to hold). A failing task never rejects anything: the queue only tracks completion.
 */
export class RunQueue {
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<string>();

  constructor(
    private limit: number,
    private readonly memory?: MemoryBudget,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Concurrency limit must be a positive integer, got ${limit}`);
  }

  /**
   * Queue a task expected to hold `bytes` (or what the promise resolves to: the task waits in line meanwhile); the
   * promise resolves once it has finished (whatever its outcome) or was removed before starting.
   */
  enqueue(id: string, start: () => Promise<unknown>, bytes: number | Promise<number> = 0): Promise<void> {
    return new Promise<void>((resolve) => {
      const task: Waiting = { id, start, done: resolve, bytes: typeof bytes === 'number' ? bytes : null };
      this.waiting.push(task);
      if (typeof bytes !== 'number') {
        void bytes
          .catch(() => 0)
          .then((measured) => {
            task.bytes = measured;
            this.pump();
          });
      }
      this.pump();
    });
  }

  /** Drop a task that has not started yet; true if it was waiting. */
  remove(id: string): boolean {
    const index = this.waiting.findIndex((w) => w.id === id);
    if (index < 0) return false;
    const [removed] = this.waiting.splice(index, 1);
    removed?.done();
    return true;
  }

  /** Whether the task is waiting for a slot. */
  isWaiting(id: string): boolean {
    return this.waiting.some((w) => w.id === id);
  }

  /** Ids of the tasks running now. */
  runningIds(): string[] {
    return [...this.running];
  }

  /** How many tasks wait for a slot. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.running.size < this.limit) {
      const next = this.waiting[0];
      if (!next || next.bytes === null) return;
      // The first in line waits for room; those behind it wait with it (never overtaking a big run for ever).
      const release = this.memory ? this.memory.tryTake(next.bytes) : () => undefined;
      if (!release) return;
      this.waiting.shift();
      this.running.add(next.id);
      Promise.resolve()
        .then(next.start)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(next.id);
          release();
          next.done();
          this.pump();
        });
    }
  }
}
