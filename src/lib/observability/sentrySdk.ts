import * as Sentry from '@sentry/nextjs';

/** True when a Sentry client is initialised in this process with somewhere to send (a DSN or a local Spotlight sidecar); otherwise every Sentry path is a no-op. */
export function isSentryOn(): boolean {
  try {
    const client = Sentry.getClient();
    return Sentry.isInitialized() && client !== undefined && (client.getDsn() !== undefined || Boolean((client.getOptions() as { spotlight?: unknown }).spotlight));
  } catch {
    return false;
  }
}
