import { createHash } from 'node:crypto';
import type { JsonObject } from '../line/jsonValue';
import type { FinishedLine, LineSink } from '../line/lineSinks';
import type { RunTelemetry } from './runTelemetry';
import { buildSentryPayload, type WideEventSentryPayload } from './sentryEventPayload';
import { activeSentry } from './sentrySdk';

/** Sends a run's one Sentry event (tests replace it to keep the payload). */
export type SentryEventSender = (payload: WideEventSentryPayload, error: unknown) => void;

/**
 * The id of a run's Sentry event, the same for every process that might send it (derived from the run id and attempt):
 * an event sent twice for one attempt (a re-send after a lost lock, a retried finish) is deduplicated by Sentry.
 */
export function sentryEventId(runId: string, attempt: number): string {
  return createHash('sha256').update(`crosstab.run:${runId}:${attempt}`).digest('hex').slice(0, 32);
}

/**
 * The sender that captures in the run's own isolation scope and trace (or the caller's scopes when the run is not
 * traced), under `eventId` when given: an error-level run carries its exception (with the cause chain as linked errors);
 * other runs send a message event. Nothing when Sentry is off.
 */
export function sentryEventSender(telemetry?: RunTelemetry, eventId?: string): SentryEventSender {
  return (payload, error) => {
    const sdk = activeSentry();
    if (!sdk) return;
    const Sentry = sdk.sentry;
    const contexts: Record<string, Record<string, unknown>> = { ...payload.contexts };
    if (telemetry) contexts.trace = { trace_id: telemetry.traceId, span_id: sdk.core.spanToJSON(telemetry.rootSpan).span_id };
    const captureContext = { level: payload.level, tags: payload.tags, fingerprint: payload.fingerprint, contexts };
    const capture = (): void => {
      if (payload.level === 'error' && error !== undefined) Sentry.captureException(error, { event_id: eventId, captureContext });
      else Sentry.captureEvent({ event_id: eventId, message: payload.message, ...captureContext });
    };
    if (telemetry) Sentry.withIsolationScope(telemetry.isolationScope, () => Sentry.withScope(telemetry.currentScope, capture));
    else capture();
  };
}

/** The Sentry sink of a run: its one event, built from the finished line (level, tags, contexts, fingerprint, exception). */
export function sentryLineSink(send: SentryEventSender): LineSink {
  return (finished: FinishedLine) => {
    const payload = buildSentryPayload(finished.line as unknown as JsonObject, finished.freeFields);
    send(payload, finished.end.outcome === 'error' ? finished.end.error : undefined);
  };
}
