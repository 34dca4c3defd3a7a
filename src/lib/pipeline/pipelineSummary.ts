import path from 'node:path';
import { redactValue } from '@/lib/redaction';
import type { FailureRecord } from '@/lib/errors/ErrorPersistence';
import type { AgentModelSummary } from '@/lib/observability';
import { writeJsonAtomic } from '@/lib/fs/writeFileAtomic';
import type { RunOutcome, StageTiming } from '@/lib/core/types';

/** The run's `pipeline-summary.json`: inputs, per-stage timing, table count, costs by agent, error summary. */
export interface PipelineSummary {
  runId: string;
  dataset: string;
  source: 'cli' | 'web';
  outcome: RunOutcome;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  inputs: {
    savFile: string | null;
    bannerPlan: string | null;
    survey: string | null;
    rows: number | null;
    variables: number | null;
    weightVariable: string | null;
  };
  stageTiming: Record<string, StageTiming>;
  tableCount: number;
  outputs: { tables: string | null; workbook: string | null };
  costs: {
    totalUsd: number;
    /** Calls whose model had no known price; their cost is not in totalUsd. */
    unpricedCalls: number;
    byAgent: AgentModelSummary[];
  };
  errors: { count: number; fatal: FailureRecord | null; records: FailureRecord[] };
}

/** The summary's cost section: the run's one cost total (the call ledger's) and its rollup by agent and model. */
export function summarizeCosts(total: { costUsd: number; unpricedCalls: number }, byAgent: AgentModelSummary[]): PipelineSummary['costs'] {
  return { totalUsd: total.costUsd, unpricedCalls: total.unpricedCalls, byAgent };
}

/** Write `pipeline-summary.json` atomically into the run folder, redacted like everything else that leaves a run. */
export async function writePipelineSummary(outputDir: string, summary: PipelineSummary): Promise<string> {
  const file = path.join(outputDir, 'pipeline-summary.json');
  await writeJsonAtomic(file, redactValue(summary));
  return file;
}
