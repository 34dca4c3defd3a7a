// Edge-runtime Sentry for the Next.js app (loaded by src/instrumentation.ts): same options and settings rules as the server, no Node APIs.
import * as Sentry from '@sentry/nextjs';
import { buildSentryOptions } from '@/lib/observability/sentry/sentryOptions';
import { getObservabilitySettings } from '@/lib/settings/observabilitySettings';

const settings = getObservabilitySettings();

if (settings.SENTRY_DSN) {
  Sentry.init(
    buildSentryOptions({
      dsn: settings.SENTRY_DSN,
      nodeEnv: settings.NODE_ENV,
      environment: settings.SENTRY_ENVIRONMENT,
      tracesSampleRate: settings.SENTRY_TRACES_SAMPLE_RATE,
    }),
  );
}
