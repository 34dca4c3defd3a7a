import type { AgentRollup, StageRecord } from '@/lib/observability/canonicalSchema';
import type { ReadRun } from './parseRunLine';
import { runRow, type RunRow } from './runsTable';

/** One stage of a run as `stats` counts it. */
export interface StageFact {
  name: string;
  status: StageRecord['status'];
  durationMs: number;
}

/** One agent's rollup in a run as `stats` sums it. */
export type AgentFact = { agent: string } & Pick<AgentRollup, 'calls' | 'errors' | 'inputTokens' | 'outputTokens' | 'costUsd' | 'unpricedCalls'>;

/** What `list`, the filters and `stats` need of one run: kept instead of its line, so memory grows by runs, not bytes. */
export interface RunSummary {
  row: RunRow;
  unpricedCalls: number;
  /** The stages and per-agent rollups, kept only when asked for (`stats`); empty otherwise. */
  stages: StageFact[];
  agents: AgentFact[];
}

/** The summary of one run read; `withStats` keeps its stages and per-agent rollups. */
export function summarize(run: ReadRun, withStats: boolean): RunSummary {
  const { line } = run;
  return {
    row: runRow(run),
    unpricedCalls: line.totals.unpricedCalls,
    stages: withStats ? line.stages.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })) : [],
    agents: withStats
      ? Object.entries(line.agents).map(([agent, a]) => ({
          agent,
          calls: a.calls,
          errors: a.errors,
          inputTokens: a.inputTokens,
          outputTokens: a.outputTokens,
          costUsd: a.costUsd,
          unpricedCalls: a.unpricedCalls,
        }))
      : [],
  };
}
