import type { PipelineSpanContext } from './pipelineSpanTypes';
import type { RunContext } from './RunContext';

/** The span context used when Sentry is off: same shape, no spans, no trace id; it still carries the run context. */
export function noopPipelineSpans(context: RunContext): PipelineSpanContext {
  return {
    traceId: undefined,
    startStage: (name) => ({ finish: () => undefined, run: (fn) => context.inStage(name, fn) }),
    finish: () => undefined,
    run: (fn) => context.enter(fn),
  };
}
