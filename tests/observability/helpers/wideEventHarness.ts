import { deliverLine, memoryLineSink, WideEvent } from '@/lib/observability';
import type { RunOutcome } from '@/lib/core/types';
import type { WideEventFinishDetails, WideEventOptions } from '@/lib/observability/line/wideEventOptions';
import { sentryLineSink } from '@/lib/observability/sentry/sentryLineSink';

/** A wide event whose line, warnings and Sentry payloads are kept in memory, on a clock that ticks 10 ms a read. */
export interface Harness {
  event: WideEvent;
  /** Settle the event's line and hand it to the memory sink and the Sentry stand-in, as a run does; returns its text. */
  finish: (outcome: RunOutcome, error?: unknown, details?: WideEventFinishDetails) => string;
  lines: string[];
  warnings: string[];
  sent: Array<{ level: string; contexts: unknown; error: unknown }>;
}

export function harness(over: Partial<WideEventOptions> = {}): Harness {
  const { sink, lines } = memoryLineSink();
  const warnings: string[] = [];
  const sent: Harness['sent'] = [];
  let now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const event = new WideEvent({
    pipelineId: 'run-1',
    dataset: 'demo',
    source: 'cli',
    warn: (m) => void warnings.push(m),
    clock: () => (now += 10),
    ...over,
  });
  const sentry = sentryLineSink((payload, error) => void sent.push({ level: payload.level, contexts: payload.contexts, error }));
  let delivered = false;
  const finish: Harness['finish'] = (outcome, error, details) => {
    const finished = event.finish(outcome, error, details);
    if (!delivered) void deliverLine(finished, [sink, sentry], (m) => void warnings.push(m));
    delivered = true;
    return finished.text;
  };
  return { event, finish, lines, warnings, sent };
}
