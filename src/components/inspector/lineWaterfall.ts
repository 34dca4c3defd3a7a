import { STAGE_NAMES } from '@/lib/core/types';
import { num, objects, optNum, optStr, str } from './readers';
import type { CallBar, StageRow, StageRowState, Waterfall } from './waterfallTypes';

const LINE_STATES: readonly StageRowState[] = ['ok', 'error', 'skipped', 'cancelled'];

/** One kept agent call of the line on the run's axis (its start relative to the run's). */
export function callBar(call: Record<string, unknown>, runStartMs: number): CallBar {
  const started = Date.parse(str(call.startedAt));
  return {
    agent: str(call.agent, '?'),
    task: str(call.task),
    model: str(call.model),
    status: str(call.status, 'ok'),
    startMs: Number.isFinite(started) && Number.isFinite(runStartMs) ? Math.max(0, started - runStartMs) : null,
    durationMs: num(call.durationMs),
    inputTokens: num(call.inputTokens),
    outputTokens: num(call.outputTokens),
    costUsd: typeof call.costUsd === 'number' ? call.costUsd : null,
  };
}

/**
 * The line's stages in start order on one axis, each with its kept agent calls, then the pipeline's stages the run
 * never reached (`not-run`). Lines without start offsets (schema 1–2) lay the stages end to end, marked estimated.
 */
export function lineWaterfall(line: Record<string, unknown>): Waterfall {
  const runStartMs = Date.parse(str(line.startedAt));
  const stages = objects(line.stages);
  const estimated = stages.some((s) => optNum(s.startOffsetMs) === undefined);
  let cursor = 0;
  const rows: StageRow[] = stages.map((s) => {
    const durationMs = num(s.durationMs);
    const startMs = estimated ? cursor : num(s.startOffsetMs);
    cursor += durationMs;
    const status = str(s.status) as StageRowState;
    return {
      name: str(s.name, '?'),
      state: LINE_STATES.includes(status) ? status : 'ok',
      startMs,
      durationMs,
      note: optStr(s.error) ?? optStr(s.reason),
      calls: [],
    };
  });
  const byName = new Map(rows.map((r) => [r.name, r]));
  const otherCalls: CallBar[] = [];
  for (const call of objects(line.agentCalls)) {
    const bar = callBar(call, runStartMs);
    const row = byName.get(str(call.stage));
    if (row) row.calls.push(bar);
    else otherCalls.push(bar);
  }
  for (const name of STAGE_NAMES) {
    if (!byName.has(name)) rows.push({ name, state: 'not-run', startMs: null, durationMs: null, calls: [] });
  }
  const ends = [num(line.durationMs), ...rows.map((r) => (r.startMs ?? 0) + (r.durationMs ?? 0))];
  for (const call of [...rows.flatMap((r) => r.calls), ...otherCalls]) ends.push((call.startMs ?? 0) + call.durationMs);
  return { rows, spanMs: Math.max(1, ...ends), otherCalls, estimated };
}
