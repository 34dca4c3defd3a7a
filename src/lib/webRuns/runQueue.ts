interface Waiting {
  id: string;
  start: () => Promise<unknown>;
  done: () => void;
}

/** A FIFO of tasks with at most `limit` running at once. A failing task never rejects anything: the queue only tracks completion. */
export class RunQueue {
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<string>();

  constructor(private limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Queue a task; the promise resolves once it has finished (whatever its outcome) or was removed before starting. */
  enqueue(id: string, start: () => Promise<unknown>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push({ id, start, done: resolve });
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
      const next = this.waiting.shift();
      if (!next) return;
      this.running.add(next.id);
      Promise.resolve()
        .then(next.start)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(next.id);
          next.done();
          this.pump();
        });
    }
  }
}
