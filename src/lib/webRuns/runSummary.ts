import { readCanonicalLine } from '@/lib/observability/line';

/** A finished run's figures from its canonical line, for lists: calls, tokens, cost, warnings. */
export interface RunSummary {
  agentCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  /** False when some calls had no known price (their cost is not in costUsd). */
  costComplete: boolean;
  warnings: number;
}

/** The summary of a run's canonical line, read with the one line reader; null without a line or for one it refuses. */
export function runSummary(text: string | null): RunSummary | null {
  if (text === null) return null;
  const reading = readCanonicalLine(text);
  if (!reading.ok) return null;
  const { totals, warnings } = reading.read.line;
  return {
    agentCalls: totals.agentCalls,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    totalTokens: totals.totalTokens,
    costUsd: totals.costUsd,
    costComplete: totals.costComplete,
    warnings: warnings?.count ?? 0,
  };
}
