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
}

const carrier = globalThis as typeof globalThis & { __crosstabRunTelemetry?: Map<string, RunTelemetry> };
const registry = (carrier.__crosstabRunTelemetry ??= new Map<string, RunTelemetry>());

/** Make a run's Sentry state findable by its run id (agent calls look it up through the run scope). */
export function registerRunTelemetry(telemetry: RunTelemetry): void {
  registry.set(telemetry.runId, telemetry);
}

/** The Sentry state of a run, if it is being traced. */
export function getRunTelemetry(runId: string | undefined): RunTelemetry | undefined {
  return runId === undefined ? undefined : registry.get(runId);
}

/** Forget a finished run's Sentry state. */
export function unregisterRunTelemetry(runId: string): void {
  registry.delete(runId);
}

/** Forget every run (tests). */
export function resetRunTelemetry(): void {
  registry.clear();
}
