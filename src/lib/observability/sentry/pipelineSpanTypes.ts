import type { Breadcrumb, SpanAttributes } from '@sentry/core';
import type { RunOutcome, StageStatus } from '@/lib/core/types';
import type { RunLink } from '../run/runLink';
import type { RunTelemetry } from './runTelemetry';

/** How a stage span ended. */
export type StageSpanStatus = StageStatus;

/** One stage span; finish() is idempotent. */
export interface StageSpan {
  /** End the span with the stage's status; `reason` says why a cancelled stage stopped. */
  finish(status: StageSpanStatus, reason?: string): void;
}

/** The root span of a run and its stage children. */
export interface PipelineSpanContext {
  /** Trace id shared by the run's spans and its event (undefined when Sentry is off). */
  readonly traceId: string | undefined;
  /** The run's Sentry state: its scopes, root span, live stage spans and span budget (undefined when Sentry is off). */
  readonly telemetry?: RunTelemetry;
  /** Start a child span for a stage (explicit parent: safe when stages run in parallel). */
  startStage(name: string): StageSpan;
  /** End the root span with the run's outcome and its summary as attributes; idempotent. */
  finish(status: RunOutcome, summary?: SpanAttributes): void;
}

/** What startPipelineTransaction() needs to know about the run. */
export interface PipelineTransactionOptions {
  pipelineId: string;
  dataset: string;
  source?: 'cli' | 'web';
  orgId?: string;
  userId?: string;
  /** The request that asked for the run: the root span links to it. */
  link?: RunLink;
  /** Breadcrumbs the run starts with (e.g. the upload that asked for it), added to its own scope. */
  breadcrumbs?: Breadcrumb[];
  /** Most gen_ai spans the run sends (default MAX_AGENT_SPANS_PER_RUN). */
  maxAgentSpans?: number;
}
