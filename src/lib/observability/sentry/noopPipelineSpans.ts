import type { PipelineSpanContext } from './pipelineSpanTypes';

/** The span context used when Sentry is off: same shape, no spans, no trace id. */
export const NOOP_PIPELINE_SPANS: PipelineSpanContext = {
  traceId: undefined,
  startStage: () => ({ finish: () => undefined }),
  finish: () => undefined,
};
