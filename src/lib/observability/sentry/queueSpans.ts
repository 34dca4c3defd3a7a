import {
  MESSAGING_DESTINATION_NAME,
  MESSAGING_MESSAGE_BODY_SIZE,
  MESSAGING_MESSAGE_ID,
  MESSAGING_MESSAGE_RECEIVE_LATENCY,
  MESSAGING_MESSAGE_RETRY_COUNT,
  MESSAGING_SYSTEM,
  SENTRY_OP,
} from '@sentry/conventions/attributes';
import { QUEUE_PROCESS, QUEUE_PUBLISH } from '@sentry/conventions/op';
import type { RunLink } from '../run/runLink';
import { activeSentry } from './sentrySdk';

/** A message on a queue, as Sentry's Queues module describes it. */
export interface QueueMessage {
  /** The queue's kind (`bullmq`, or `memory` for the embedded queue). */
  system: string;
  /** The queue's name. */
  destination: string;
  /** The message's id (the run id). */
  id: string;
  /** Bytes of the message body. */
  bodySize: number;
}

/** The trace headers a queued message carries, so its processing continues the trace that published it. */
export interface TraceHeaders {
  sentryTrace?: string;
  baggage?: string;
}

const SENTRY_TRACE = /^([0-9a-f]{32})-([0-9a-f]{16})(?:-([01]))?$/;

function messagingAttributes(m: QueueMessage): Record<string, string | number> {
  return { [MESSAGING_SYSTEM]: m.system, [MESSAGING_DESTINATION_NAME]: m.destination, [MESSAGING_MESSAGE_ID]: m.id, [MESSAGING_MESSAGE_BODY_SIZE]: m.bodySize };
}

/**
 * Publish a message inside a `queue.publish` span (a child of the calling request's span); `publish` receives the trace
 * headers to put in the message. With Sentry off, `publish` runs with empty headers. Never throws for Sentry's sake.
 */
export async function withPublishSpan<T>(message: QueueMessage, publish: (headers: TraceHeaders) => Promise<T>): Promise<T> {
  const Sentry = activeSentry()?.sentry;
  if (!Sentry) return publish({});
  return Sentry.startSpan({ name: message.destination, op: QUEUE_PUBLISH, attributes: { [SENTRY_OP]: QUEUE_PUBLISH, ...messagingAttributes(message) } }, () => {
    const data = Sentry.getTraceData();
    return publish({ sentryTrace: data['sentry-trace'], baggage: data.baggage });
  });
}

/** What the processing of a message knows besides the message: how long it waited and how often it was delivered before. */
export interface ProcessFacts {
  receiveLatencyMs: number;
  retryCount: number;
}

/**
 * Process a message inside a `queue.process` span continuing the publisher's trace (from the message's headers); `fn`
 * receives the publish span as a link target (undefined when the message carries no trace). Never throws for Sentry's sake.
 */
export function withProcessSpan<T>(
  message: QueueMessage,
  headers: TraceHeaders,
  facts: ProcessFacts,
  fn: (publishedBy: RunLink | undefined) => Promise<T>,
): Promise<T> {
  const publishedBy = linkOf(headers);
  const Sentry = activeSentry()?.sentry;
  if (!Sentry) return fn(publishedBy);
  const attributes = {
    [SENTRY_OP]: QUEUE_PROCESS,
    ...messagingAttributes(message),
    [MESSAGING_MESSAGE_RECEIVE_LATENCY]: Math.max(0, Math.round(facts.receiveLatencyMs)),
    [MESSAGING_MESSAGE_RETRY_COUNT]: facts.retryCount,
  };
  const process = (): Promise<T> =>
    Sentry.startSpan({ name: message.destination, op: QUEUE_PROCESS, forceTransaction: true, attributes }, () => fn(publishedBy));
  if (headers.sentryTrace === undefined) return Sentry.startNewTrace(process);
  return Sentry.continueTrace({ sentryTrace: headers.sentryTrace, baggage: headers.baggage }, process);
}

/** The span a `sentry-trace` header names, as a link target. */
function linkOf(headers: TraceHeaders): RunLink | undefined {
  const match = headers.sentryTrace === undefined ? null : SENTRY_TRACE.exec(headers.sentryTrace);
  if (!match) return undefined;
  return { traceId: match[1]!, spanId: match[2]!, sampled: match[3] !== '0' };
}

/**
 * Run `fn` with tracing suppressed: the SDK's automatic Postgres and Redis spans (pg, ioredis) are not made for the
 * run queue's own plumbing (record writes, leases, sweeps, progress messages), so they never flood a run's trace or
 * send traces of their own. `fn` itself runs as usual; a no-op wrapper when Sentry is off.
 */
export function withoutSpans<T>(fn: () => T): T {
  const Sentry = activeSentry()?.sentry;
  return Sentry ? Sentry.suppressTracing(fn) : fn();
}
