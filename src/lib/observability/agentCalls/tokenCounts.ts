import type { AgentCallRecord } from './agentCallRecord';

/** A call's token counts after the subset rules (and whether they had to be applied). */
export interface NormalisedTokens {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  anomaly: boolean;
}

/** A token count as recorded: a finite, non-negative number, rounded; -1 when it is not one. */
function countOf(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : -1;
}

/**
 * Normalised token counts of one call: input includes cached, cached ⊆ input, reasoning ⊆ output. A count that is not a
 * count is 0, and an anomaly, as is a subset larger than its whole (then cut to it).
 */
export function normaliseTokens(
  call: Pick<AgentCallRecord, 'inputTokens' | 'outputTokens'> & Partial<Pick<AgentCallRecord, 'cachedInputTokens' | 'reasoningTokens'>>,
): NormalisedTokens {
  const input = countOf(call.inputTokens);
  const output = countOf(call.outputTokens);
  const cached = countOf(call.cachedInputTokens ?? 0);
  const reasoning = countOf(call.reasoningTokens ?? 0);
  const inputTokens = input < 0 ? 0 : input;
  const outputTokens = output < 0 ? 0 : output;
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens: cached < 0 ? 0 : Math.min(cached, inputTokens),
    reasoningTokens: reasoning < 0 ? 0 : Math.min(reasoning, outputTokens),
    anomaly: input < 0 || output < 0 || cached < 0 || reasoning < 0 || cached > inputTokens || reasoning > outputTokens,
  };
}
