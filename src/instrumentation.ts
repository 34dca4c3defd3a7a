import * as Sentry from '@sentry/nextjs';
import { operatorLog } from '@/lib/logging/operatorLog';

/** Runs in flight get this long to end as cancelled (with their line and event) when the server is stopped. */
const SHUTDOWN_GRACE_MS = 2000;
/** Then Sentry gets this long to deliver. */
const SHUTDOWN_FLUSH_MS = 2000;

/** Next.js instrumentation hook: validate the settings (the server refuses to start on fatal ones), then load the Sentry config of the running runtime. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // First: Next runs this hook as the server is created and holds every request until it has finished.
    const { enforceServerSettings } = await import('@/lib/settings/enforceServerSettings');
    enforceServerSettings();
    // Runs start from this context (server start-up, outside any request), never from the request that queued them.
    const { captureCleanAsyncContext } = await import('@/lib/observability');
    captureCleanAsyncContext();
    await import('../sentry.server.config');
    const { installGracefulShutdown } = await import('@/lib/webRuns/gracefulShutdown');
    const { shutdownOrchestrator } = await import('@/lib/webRuns/orchestratorInstance');
    installGracefulShutdown({
      stopWork: () => shutdownOrchestrator(SHUTDOWN_GRACE_MS),
      flushMs: SHUTDOWN_FLUSH_MS,
      log: (line) => operatorLog('server', line),
    });
    // Pay the tokenizer's one-off build at startup, not as a stall in the middle of the first pipeline run.
    const { warmTokenizer } = await import('@/lib/llm/tokenizer');
    setTimeout(warmTokenizer, 0).unref();
  }
  if (process.env.NEXT_RUNTIME === 'edge') await import('../sentry.edge.config');
}

/** Report errors from server components, route handlers and middleware to Sentry. */
export const onRequestError = Sentry.captureRequestError;
