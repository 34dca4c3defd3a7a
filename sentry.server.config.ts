// Server-side Sentry for the Next.js app (loaded by src/instrumentation.ts). CLI runs use the same initialiser.
import { initObservability } from '@/lib/observability';

initObservability();
