import { STAGE_NAMES } from '@/lib/core/types';
import type { RunJson } from '@/lib/webRuns/runJson';
import type { StageRow, Waterfall } from './waterfallTypes';

/**
 * The waterfall of a run still going, from its live stage list: started stages at their offsets (a running one
 * reaches `nowMs`, the time since the run started, when known), then the stages not reached yet as `pending`.
 */
export function liveWaterfall(stages: RunJson['stages'], nowMs: number | null): Waterfall {
  const rows: StageRow[] = [];
  const seen = new Set<string>();
  let cursor = 0;
  const estimated = stages.some((s) => s.startOffsetMs === undefined);
  for (const s of stages) {
    seen.add(s.name);
    const startMs = s.startOffsetMs ?? cursor;
    const durationMs = s.status === 'running' ? null : (s.durationMs ?? 0);
    cursor = Math.max(cursor, startMs + (durationMs ?? 0));
    rows.push({ name: s.name, state: s.status, startMs, durationMs, note: s.detail, calls: [] });
  }
  for (const name of STAGE_NAMES) {
    if (!seen.has(name)) rows.push({ name, state: 'pending', startMs: null, durationMs: null, calls: [] });
  }
  const ends = rows.map((r) => (r.startMs ?? 0) + (r.durationMs ?? 0));
  return { rows, spanMs: Math.max(1, nowMs ?? 0, ...ends), otherCalls: [], estimated };
}
