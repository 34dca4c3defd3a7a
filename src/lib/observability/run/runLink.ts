import { activeSentry } from '../sentry/sentrySdk';

/** The request (or other span) that asked for a run: the run's root span links to it. */
export interface RunLink {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/** The active span of the calling context as a link target (undefined outside a traced request or with Sentry off). Never throws. */
export function captureRunLink(): RunLink | undefined {
  try {
    const span = activeSentry()?.sentry.getActiveSpan();
    if (!span) return undefined;
    const { traceId, spanId, traceFlags } = span.spanContext();
    if (!/^[0-9a-f]{32}$/.test(traceId) || !/^[0-9a-f]{16}$/.test(spanId)) return undefined;
    return { traceId, spanId, sampled: (traceFlags & 1) === 1 };
  } catch {
    return undefined;
  }
}
