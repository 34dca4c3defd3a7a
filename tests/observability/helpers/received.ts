import type { EnvelopeServer, ReceivedSpan } from '../../support/envelopeServer';

/** Value of a span attribute (streamed spans wrap values as {value, type}; static spans keep them in `data`). */
export function attr(span: ReceivedSpan, key: string): unknown {
  const attributes = span.attributes as Record<string, { value: unknown } | undefined> | undefined;
  if (attributes && key in attributes) return attributes[key]?.value;
  return (span.data as Record<string, unknown> | undefined)?.[key];
}

/** Op of a span, in either format. */
export function opOf(span: ReceivedSpan): unknown {
  return attr(span, 'sentry.op') ?? span.op;
}

/** The event of one pipeline run (by its pipeline_id tag). */
export function runEvent(server: EnvelopeServer, pipelineId: string): Record<string, unknown> | undefined {
  return server.events().find((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === pipelineId);
}

/** All spans of one trace. */
export function traceSpans(server: EnvelopeServer, traceId: string): ReceivedSpan[] {
  return server.spans().filter((s) => s.trace_id === traceId);
}
