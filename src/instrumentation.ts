import * as Sentry from '@sentry/nextjs';

/** Next.js instrumentation hook: load the Sentry config of the running runtime. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('../sentry.server.config');
  if (process.env.NEXT_RUNTIME === 'edge') await import('../sentry.edge.config');
}

/** Report errors from server components, route handlers and middleware to Sentry. */
export const onRequestError = Sentry.captureRequestError;
