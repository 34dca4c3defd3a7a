import type { RunOutcome } from '@/lib/core/types';
import type { LedgerTotals } from '../agentCalls/agentCallLedger';
import { CANONICAL_KIND, CANONICAL_SCHEMA_VERSION, type RunErrorInfo, type RunWorker } from './canonicalSchema';
import { causeChain } from './causeChain';
import type { JsonObject } from './jsonValue';
import { truncateString } from './serialize';
import { isoTime } from './time';

/** Longest error message kept in the line. */
const MAX_ERROR_MESSAGE = 2000;
const TRACE_ID = /^[0-9a-f]{32}$/;

/** Who and what a run is, as its line's header says. */
export interface LineIdentity {
  pipelineId: string;
  dataset: string;
  orgId?: string;
  userId?: string;
  source?: 'cli' | 'web';
  /** Trace id of the run's spans, when traced. */
  traceId?: string;
  /** Trace id of the request that asked for the run (web runs). */
  requestTraceId?: string;
  /** Web runs: which delivery of the run, the process that ran it, and how long it waited in its queue. */
  attempt?: number;
  worker?: RunWorker;
  queueWaitMs?: number;
}

/** The line's header: kind, version, ids, outcome and times. */
export function lineHeader(id: LineIdentity, outcome: RunOutcome, startedAt: number, now: number): JsonObject {
  const h: JsonObject = {
    kind: CANONICAL_KIND,
    schemaVersion: CANONICAL_SCHEMA_VERSION,
    pipelineId: id.pipelineId,
    dataset: truncateString(String(id.dataset), 200),
  };
  if (id.orgId !== undefined) h.orgId = truncateString(String(id.orgId), 200);
  if (id.userId !== undefined) h.userId = truncateString(String(id.userId), 200);
  h.source = id.source ?? 'cli';
  h.outcome = outcome;
  h.startedAt = isoTime(startedAt);
  h.timestamp = isoTime(now);
  h.durationMs = Math.max(0, now - startedAt);
  if (id.traceId !== undefined && TRACE_ID.test(id.traceId)) h.traceId = id.traceId;
  if (id.requestTraceId !== undefined && TRACE_ID.test(id.requestTraceId)) h.requestTraceId = id.requestTraceId;
  if (id.attempt !== undefined && Number.isInteger(id.attempt) && id.attempt >= 0) h.attempt = id.attempt;
  if (id.worker !== undefined) {
    h.worker = {
      id: truncateString(String(id.worker.id), 200),
      host: truncateString(String(id.worker.host), 200),
      pid: Math.max(0, Math.round(id.worker.pid)),
    };
  }
  if (id.queueWaitMs !== undefined && Number.isFinite(id.queueWaitMs)) h.queueWaitMs = Math.max(0, Math.round(id.queueWaitMs));
  return h;
}

/** The line's totals block, from the ledger's sums (the full line and the fallback line alike). */
export function lineTotals(sums: LedgerTotals, stages: number, durationMs: number, tableCount: number): JsonObject {
  return {
    stages,
    agentCalls: sums.agentCalls,
    inputTokens: sums.inputTokens,
    outputTokens: sums.outputTokens,
    totalTokens: sums.inputTokens + sums.outputTokens,
    cachedInputTokens: sums.cachedInputTokens,
    reasoningTokens: sums.reasoningTokens,
    costUsd: sums.costUsd,
    unpricedCalls: sums.unpricedCalls,
    costComplete: sums.unpricedCalls === 0,
    tokenAnomalies: sums.tokenAnomalies,
    durationMs,
    agentDurationMs: sums.agentDurationMs,
    tableCount,
  };
}

/** The line's error block: type and message of the error, the stage that ended the run, and the causes. */
export function lineError(error: unknown, stage: string | undefined): RunErrorInfo | undefined {
  if (error === undefined) return undefined;
  const causes = causeChain(error);
  const top = causes[0] ?? { type: 'Error', message: '' };
  const info: RunErrorInfo = { type: top.type, message: truncateString(top.message, MAX_ERROR_MESSAGE) };
  if (stage !== undefined) info.stage = truncateString(stage, 100);
  if (causes.length > 1) info.causes = causes.slice(1);
  return info;
}

/** A stage's error as its record shows it: "Type: message". */
export function stageErrorText(error: unknown): string {
  const top = causeChain(error)[0];
  return top ? truncateString(`${top.type}: ${top.message}`, MAX_ERROR_MESSAGE) : 'unknown error';
}
