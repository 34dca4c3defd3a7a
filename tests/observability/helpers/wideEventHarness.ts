import { memoryLineSink, WideEvent } from '@/lib/observability';
import { type WideEventOptions } from '@/lib/observability/wide-event';

/** A wide event whose line, warnings and Sentry payloads are kept in memory, on a clock that ticks 10 ms a read. */
export interface Harness {
  event: WideEvent;
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
    sink,
    warn: (m) => void warnings.push(m),
    sentry: (payload, error) => void sent.push({ level: payload.level, contexts: payload.contexts, error }),
    clock: () => (now += 10),
    ...over,
  });
  return { event, lines, warnings, sent };
}
