import type { RunOutcome, StageStatus } from '@/lib/pipeline/types';

/** How a stage span ended. */
export type StageSpanStatus = StageStatus | 'cancelled';

/** One stage span; finish() is idempotent. */
export interface StageSpan {
  finish(status: StageSpanStatus, error?: unknown): void;
}

/** The root span of a run and its stage children. */
export interface PipelineSpanContext {
  /** Trace id shared by the run's spans and its event (undefined when Sentry is off). */
  readonly traceId: string | undefined;
  /** Start a child span for a stage (explicit parent: safe when stages run in parallel). */
  startStage(name: string): StageSpan;
  /** End the root span; idempotent. */
  finish(status: RunOutcome): void;
}

/** What startPipelineTransaction() needs to know about the run. */
export interface PipelineTransactionOptions {
  pipelineId: string;
  dataset: string;
  source?: 'cli' | 'web';
  orgId?: string;
  userId?: string;
}
