// Server-side Sentry for the Next.js app (loaded by src/instrumentation.ts). The observability module uses the SDK
// instance Next.js loaded (registered here), so its runs and the framework's own spans share one client.
import * as Sentry from '@sentry/nextjs';
import * as SentryCore from '@sentry/core';
import { initObservability, registerSentrySdk } from '@/lib/observability';

registerSentrySdk({ sentry: Sentry, core: SentryCore });
// With the SDK registered, the client is initialised before this returns (the promise only reports whether it is on).
void initObservability();
