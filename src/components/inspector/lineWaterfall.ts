import { STAGE_NAMES } from '@/lib/core/types';
import type { AgentCallEntry, ReadLine } from '@/lib/observability/line';
import type { CallBar, StageRow, Waterfall } from './waterfallTypes';

/** One kept agent call of the line on the run's axis (its start relative to the run's). */
export function callBar(call: AgentCallEntry, runStartMs: number): CallBar {
  const started = Date.parse(call.startedAt);
  return {
    agent: call.agent,
    task: call.task,
    model: call.model,
    status: call.status,
    startMs: Number.isFinite(started) && Number.isFinite(runStartMs) ? Math.max(0, started - runStartMs) : null,
    durationMs: call.durationMs,
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    costUsd: call.costUsd,
  };
}

/**
 * The line's stages in start order on one axis, each with its kept agent calls, then the pipeline's stages the run
 * never reached (`not-run`). Lines without start offsets (schema 1–2, upgraded by the reader) are marked estimated.
 */
export function lineWaterfall({ line, offsetsEstimated }: ReadLine): Waterfall {
  const runStartMs = Date.parse(line.startedAt);
  const rows: StageRow[] = line.stages.map((s) => ({
    name: s.name,
    state: s.status,
    startMs: s.startOffsetMs,
    durationMs: s.durationMs,
    note: s.error ?? s.reason,
    calls: [],
  }));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const otherCalls: CallBar[] = [];
  for (const call of line.agentCalls) {
    const bar = callBar(call, runStartMs);
    const row = call.stage === undefined ? undefined : byName.get(call.stage);
    if (row) row.calls.push(bar);
    else otherCalls.push(bar);
  }
  for (const name of STAGE_NAMES) {
    if (!byName.has(name)) rows.push({ name, state: 'not-run', startMs: null, durationMs: null, calls: [] });
  }
  let spanMs = Math.max(1, line.durationMs);
  for (const r of rows) spanMs = Math.max(spanMs, (r.startMs ?? 0) + (r.durationMs ?? 0));
  for (const call of [...rows.flatMap((r) => r.calls), ...otherCalls]) spanMs = Math.max(spanMs, (call.startMs ?? 0) + call.durationMs);
  return { rows, spanMs, otherCalls, estimated: offsetsEstimated };
}
