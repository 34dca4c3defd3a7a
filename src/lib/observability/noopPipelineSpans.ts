import type { PipelineSpanContext, StageSpan } from './pipelineSpanTypes';

const NOOP_STAGE: StageSpan = { finish: () => undefined, run: (fn) => fn() };

/** The span context used when Sentry is off: same shape, does nothing, has no trace id. */
export const NOOP_PIPELINE_SPANS: PipelineSpanContext = {
  traceId: undefined,
  startStage: () => NOOP_STAGE,
  finish: () => undefined,
};
