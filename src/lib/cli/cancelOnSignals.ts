import { endActiveRuns, flushObservability } from '@/lib/observability';

/** Signals that end a CLI run, with the exit code of a process they end (128 + the signal's number). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/** How a CLI process reacts to stop signals. */
export interface SignalOptions {
  /** Aborting it cancels the run. */
  controller: AbortController;
  /** After the first signal, the run has this long to end by itself before it is ended from outside. */
  stopBoundMs: number;
  /** Bounded wait for Sentry delivery when the process has to quit at once. */
  quitFlushMs: number;
  /** A second Ctrl-C sooner than this after the first is the same keypress delivered twice (terminal group + forwarding). */
  repeatIntervalMs: number;
  log: (line: string) => void;
  /** Exit the process (tests replace it). */
  exit?: (code: number) => void;
}

/** What the handlers know after installation. */
export interface SignalState {
  /** The first stop signal received, if any: the run's exit code follows it. */
  readonly received: StopSignal | undefined;
  /** The run has ended: a stop signal from now on only cuts the final flush short. */
  runEnded(): void;
}

/**
 * Cancel the run on SIGINT, SIGTERM or SIGHUP: the first signal aborts it, and it ends by itself (its line, summary,
 * errors.ndjson and Sentry event) as cancelled. If it has not ended `stopBoundMs` later, or a second stop signal comes
 * (a second Ctrl-C, a repeated SIGTERM), every run still in progress is ended now, as cancelled, with its line and
 * event; Sentry gets a bounded flush and the process exits with the signal's code.
 */
export function cancelOnSignals(o: SignalOptions): SignalState {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  let received: StopSignal | undefined;
  let firstAt = 0;
  let quitting = false;
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const quitNow = (signal: StopSignal, why: string): void => {
    if (quitting) return;
    quitting = true;
    o.log(`Stopping now (${why}).`);
    endActiveRuns(why);
    void flushObservability(o.quitFlushMs).finally(() => exit(SIGNAL_EXIT_CODES[signal]));
  };

  const onSignal = (signal: StopSignal): void => {
    if (ended) {
      quitNow(received ?? signal, `${signal} received while delivering the run's events`);
      return;
    }
    if (received === undefined) {
      received = signal;
      firstAt = performance.now();
      o.log(`\nCancelling the run (${signal})…${signal === 'SIGINT' ? ' (press Ctrl-C again to quit at once)' : ''}`);
      o.controller.abort();
      timer = setTimeout(() => quitNow(received ?? signal, `the run did not stop within ${o.stopBoundMs} ms of ${signal}`), o.stopBoundMs);
      timer.unref?.();
      return;
    }
    if (signal === 'SIGINT' && received === 'SIGINT' && performance.now() - firstAt < o.repeatIntervalMs) return;
    quitNow(received, `${signal} received again`);
  };

  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) process.on(signal, () => onSignal(signal));

  return {
    get received() {
      return received;
    },
    runEnded() {
      ended = true;
      if (timer) clearTimeout(timer);
    },
  };
}
