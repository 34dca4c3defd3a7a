import { flushObservability } from '@/lib/observability';
import { errorMessage } from '@/lib/core/errorMessage';
import { processWide } from '@/lib/core/processWide';

/** Signals a server process is stopped with, and the exit code it then reports (128 + the signal's number). */
const STOP_SIGNALS = { SIGTERM: 143, SIGINT: 130 } as const;

/** What a graceful shutdown does and how long it may take. */
export interface GracefulShutdownOptions {
  /** Stop the app's work (cancel runs and wait for them, within its own bound). */
  stopWork: () => Promise<void>;
  /** Bounded wait for Sentry delivery afterwards. */
  flushMs: number;
  log?: (line: string) => void;
}

/**
 * On SIGTERM or SIGINT, first stop the app's work (in-flight runs end as cancelled with their line and event) and
 * flush Sentry, then hand over to whatever handled the signal before (Next.js's own shutdown, which exits), or exit.
 * The existing handlers are moved behind ours because they exit the process as soon as the HTTP server has closed.
 * Installed once per process.
 */
export function installGracefulShutdown(o: GracefulShutdownOptions): void {
  const carrier = processWide('shutdownInstalled', () => ({}) as { shutdownInstalled?: boolean });
  if (carrier.shutdownInstalled) return;
  carrier.shutdownInstalled = true;
  let stopping: Promise<void> | undefined;
  for (const signal of Object.keys(STOP_SIGNALS) as Array<keyof typeof STOP_SIGNALS>) {
    const previous = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => {
      stopping ??= (async () => {
        o.log?.(`[server] ${signal}: cancelling runs in flight before shutting down`);
        try {
          await o.stopWork();
        } catch (err) {
          o.log?.(`[server] stopping runs failed: ${errorMessage(err)}`);
        }
        await flushObservability(o.flushMs);
      })();
      void stopping.finally(() => {
        if (previous.length === 0) process.exit(STOP_SIGNALS[signal]);
        for (const listener of previous) (listener as (s: NodeJS.Signals) => void)(signal);
      });
    });
  }
}
