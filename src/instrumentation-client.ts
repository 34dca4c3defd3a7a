// Browser Sentry: same shared options (no default PII, no AI inputs/outputs) and settings rules as the server, DSN from NEXT_PUBLIC_SENTRY_DSN.
import * as Sentry from '@sentry/nextjs';
import { config as zodConfig } from 'zod';
import { buildSentryOptions } from '@/lib/observability/sentry/sentryOptions';
import { getObservabilitySettings } from '@/lib/settings/observabilitySettings';

// The pages' Content-Security-Policy allows no eval: zod must not compile its parsers with `new Function` (its probe for
// it, even caught, is a CSP violation the browser reports). This file runs before any page code.
zodConfig({ jitless: true });

// Next inlines only literal process.env.NEXT_PUBLIC_* reads into the browser bundle, so the source is spelled out.
const settings = getObservabilitySettings({
  NODE_ENV: process.env.NODE_ENV,
  SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN,
  SENTRY_ENVIRONMENT: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
});

if (settings.SENTRY_DSN) {
  Sentry.init(buildSentryOptions({ dsn: settings.SENTRY_DSN, nodeEnv: settings.NODE_ENV, environment: settings.SENTRY_ENVIRONMENT }));
}

/** Instrument client-side navigations (Next.js App Router hook). */
export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
