/**
 * One queue of store writes per run: each write starts once the run's previous one has settled, so writes asked for
 * in order (a progress patch, then the final status) land in that order, whatever each one takes. Writes of
 * different runs do not wait for each other.
 */
export class RunWriteChain {
  private readonly tails = new Map<string, Promise<void>>();

  /** Queue `write` after the run's earlier writes; resolves when it has settled (a failing write is reported to `onError`, never rejects). */
  push(runId: string, write: () => Promise<void>, onError: (err: unknown) => void): Promise<void> {
    const tail = (this.tails.get(runId) ?? Promise.resolve()).then(write).catch(onError);
    this.tails.set(runId, tail);
    void tail.then(() => {
      if (this.tails.get(runId) === tail) this.tails.delete(runId);
    });
    return tail;
  }

  /** Resolves once every write queued for the run so far has settled. */
  settled(runId: string): Promise<void> {
    return this.tails.get(runId) ?? Promise.resolve();
  }
}
