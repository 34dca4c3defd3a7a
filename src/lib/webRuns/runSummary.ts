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

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The summary of a run's canonical line (any schema version with `totals`); null without a line or for one that is not JSON. */
export function runSummary(line: string | null): RunSummary | null {
  if (line === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { totals, warnings } = parsed as { totals?: Record<string, unknown>; warnings?: { count?: unknown } };
  if (!totals || typeof totals !== 'object') return null;
  return {
    agentCalls: num(totals.agentCalls),
    inputTokens: num(totals.inputTokens),
    outputTokens: num(totals.outputTokens),
    totalTokens: num(totals.totalTokens),
    costUsd: num(totals.costUsd),
    costComplete: totals.costComplete !== false,
    warnings: num(warnings?.count),
  };
}
