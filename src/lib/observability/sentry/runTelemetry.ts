import type { Scope, Span } from '@sentry/core';

/** How many gen_ai spans a run may still send, and how many calls it has seen. */
export interface AgentSpanBudget {
  readonly limit: number;
  /** Calls seen (each would have had a span). */
  total: number;
  /** Calls that got a span. */
  kept: number;
}

/** Sentry state of one run: its own isolation scope, the scope holding its trace, its root span and live stage spans. */
export interface RunTelemetry {
  readonly runId: string;
  readonly traceId: string;
  readonly isolationScope: Scope;
  readonly currentScope: Scope;
  readonly rootSpan: Span;
  readonly stageSpans: Map<string, Span>;
  readonly agentSpans: AgentSpanBudget;
  /** The client's breadcrumb limit (read once per run). */
  readonly maxBreadcrumbs: number;
}
