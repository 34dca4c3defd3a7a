import * as Sentry from '@sentry/nextjs';

/** True when a Sentry client is initialised in this process (with a DSN); otherwise every Sentry path is a no-op. */
export function isSentryOn(): boolean {
  try {
    return Sentry.isInitialized() && Sentry.getClient()?.getDsn() !== undefined;
  } catch {
    return false;
  }
}
