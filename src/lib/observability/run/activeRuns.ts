import { processWide } from '@/lib/core/processWide';
/** A run that can be ended from outside (a signal handler, server shutdown). */
export interface EndableRun {
  readonly runId: string;
  /** End the run as cancelled now (idempotent): its line and event are emitted with whatever it recorded so far. */
  endNow(reason: string): void;
}

const active = processWide('activeRuns', () => new Set<EndableRun>());

/** Track a run from its start until it finishes. */
export function trackActiveRun(run: EndableRun): void {
  active.add(run);
}

/** Stop tracking a finished run. */
export function untrackActiveRun(run: EndableRun): void {
  active.delete(run);
}

/** Runs of this process that have started and not finished. */
export function activeRunCount(): number {
  return active.size;
}

/**
 * End every run still in progress as cancelled (second Ctrl-C, a shutdown whose runs did not stop in time): each emits
 * its one line and event now. Returns how many were ended. Never throws.
 */
export function endActiveRuns(reason: string): number {
  let n = 0;
  for (const run of [...active]) {
    try {
      run.endNow(reason);
      n += 1;
    } catch {
      // one run's failure to end must not keep the others from ending
    }
    active.delete(run);
  }
  return n;
}
