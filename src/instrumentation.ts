import * as Sentry from '@sentry/nextjs';

/** Next.js instrumentation hook: validate the settings (the server refuses to start on fatal ones), then load the Sentry config of the running runtime. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // First: Next runs this hook as the server is created and holds every request until it has finished.
    const { enforceServerSettings } = await import('@/lib/settings/enforceServerSettings');
    enforceServerSettings();
    await import('../sentry.server.config');
    // Pay the tokenizer's one-off build at startup, not as a stall in the middle of the first pipeline run.
    const { warmTokenizer } = await import('@/lib/llm/tokenizer');
    setTimeout(warmTokenizer, 0).unref();
  }
  if (process.env.NEXT_RUNTIME === 'edge') await import('../sentry.edge.config');
}

/** Report errors from server components, route handlers and middleware to Sentry. */
export const onRequestError = Sentry.captureRequestError;
