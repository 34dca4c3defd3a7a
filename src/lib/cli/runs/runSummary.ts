import type { AgentRollup, StageRecord } from '@/lib/observability/line';
import { keptText } from './keptText';
import type { ReadRun } from './parseRunLine';
import { MAX_KEPT_NAME, MAX_KEPT_TEXT } from './readLimits';
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

/** The row of a run with every text cut to MAX_KEPT_TEXT (a real line's never is). */
function keptRow(run: ReadRun): RunRow {
  const row = runRow(run);
  const text = (s: string): string => keptText(s, MAX_KEPT_TEXT);
  return {
    ...row,
    runId: text(row.runId),
    dataset: text(row.dataset),
    orgId: row.orgId === null ? null : text(row.orgId),
    error: row.error === null ? null : text(row.error),
    origin: text(row.origin),
  };
}

/** The summary of one run read; `withStats` keeps its stages and per-agent rollups. Texts are cut to the read limits. */
export function summarize(run: ReadRun, withStats: boolean): RunSummary {
  const { line } = run;
  const name = (s: string): string => keptText(s, MAX_KEPT_NAME);
  return {
    row: keptRow(run),
    unpricedCalls: line.totals.unpricedCalls,
    stages: withStats ? line.stages.map((s) => ({ name: name(s.name), status: s.status, durationMs: s.durationMs })) : [],
    agents: withStats
      ? Object.entries(line.agents).map(([agent, a]) => ({
          agent: name(agent),
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
