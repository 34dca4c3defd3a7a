// Browser Sentry: same shared options (no default PII, no AI inputs/outputs), DSN from NEXT_PUBLIC_SENTRY_DSN.
import * as Sentry from '@sentry/nextjs';
import { buildSentryOptions } from '@/lib/observability/sentryOptions';

const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;
const nodeEnv = process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test' ? process.env.NODE_ENV : 'development';

if (dsn) {
  Sentry.init(buildSentryOptions({ dsn, nodeEnv, environment: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT }));
}

/** Instrument client-side navigations (Next.js App Router hook). */
export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
