import { EnvelopeLog, RECEIVED_PATH, type ReceivedEnvelope, type ReceivedSpan } from '../support/envelopeServer';

/** A run's Sentry event as the tests read it. */
export type RunEvent = Record<string, unknown> & {
  level?: string;
  tags: Record<string, string>;
  user?: Record<string, unknown>;
  contexts: Record<string, Record<string, unknown> | undefined>;
  breadcrumbs?: Array<{ category?: string; message?: string; data?: Record<string, unknown> }>;
  exception?: unknown;
};

/** What the Sentry stand-in (running in the test runner's main process) has received so far. */
export async function receivedEnvelopes(sentryUrl: string): Promise<EnvelopeLog> {
  const res = await fetch(`${sentryUrl}${RECEIVED_PATH}`);
  if (!res.ok) throw new Error(`Sentry stand-in: HTTP ${res.status}`);
  return new EnvelopeLog((await res.json()) as ReceivedEnvelope[]);
}

/** Poll the Sentry stand-in until `predicate` holds over what it received; resolves with that, or rejects after `timeoutMs`. */
export async function waitForEnvelopes(sentryUrl: string, predicate: (log: EnvelopeLog) => boolean, timeoutMs = 30_000): Promise<EnvelopeLog> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await receivedEnvelopes(sentryUrl);
    if (predicate(log)) return log;
    if (Date.now() > deadline) throw new Error(`Sentry stand-in: condition not met within ${timeoutMs} ms (${log.envelopes.length} envelopes)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The events of one pipeline run (by its pipeline_id tag). */
export function runEvents(log: EnvelopeLog, pipelineId: string): RunEvent[] {
  return log.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === pipelineId) as RunEvent[];
}

/** Value of a span attribute (streamed spans wrap values as {value, type}; transaction spans keep them in `data`). */
export function spanAttr(span: ReceivedSpan, key: string): unknown {
  const attributes = span.attributes as Record<string, { value: unknown } | undefined> | undefined;
  if (attributes && key in attributes) return attributes[key]?.value;
  return (span.data as Record<string, unknown> | undefined)?.[key];
}

/** Op of a span, in either format. */
export function spanOp(span: ReceivedSpan): unknown {
  return spanAttr(span, 'sentry.op') ?? span.op;
}
