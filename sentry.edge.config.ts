// Edge-runtime Sentry for the Next.js app (loaded by src/instrumentation.ts): same options as the server, no Node APIs.
import * as Sentry from '@sentry/nextjs';
import { buildSentryOptions } from '@/lib/observability/sentryOptions';

const nodeEnv = process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test' ? process.env.NODE_ENV : 'development';
const rate = Number(process.env.SENTRY_TRACES_SAMPLE_RATE);

if (process.env.SENTRY_DSN) {
  Sentry.init(
    buildSentryOptions({
      dsn: process.env.SENTRY_DSN,
      nodeEnv,
      environment: process.env.SENTRY_ENVIRONMENT,
      tracesSampleRate: Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : undefined,
    }),
  );
}
