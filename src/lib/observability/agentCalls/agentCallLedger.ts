import type { AgentCallRecord } from './agentCallRecord';
import { AgentCallEntries } from './agentCallEntries';
import { AgentRollups, type AgentModelSummary } from './agentRollups';
import type { AgentCallEntry, AgentRollup } from '../line/canonicalSchema';
import { truncateString } from '../line/serialize';
import { normaliseTokens, type NormalisedTokens } from './tokenCounts';

export { MAX_AGENT_CALL_ENTRIES } from './agentCallEntries';
export { MAX_AGENTS, type AgentModelSummary } from './agentRollups';
export { normaliseTokens, type NormalisedTokens } from './tokenCounts';

/** What WideEvent.recordAgentCall() accepts: the plan's fields, plus any other AgentCallRecord field. */
export type AgentCallInput = Pick<AgentCallRecord, 'model' | 'inputTokens' | 'outputTokens' | 'durationMs' | 'costUsd'> & {
  agentName: string;
} & Partial<Omit<AgentCallRecord, 'agentName' | 'model' | 'inputTokens' | 'outputTokens' | 'durationMs' | 'costUsd'>> & {
    /** Stage that made the call, when known (the run context passes it separately). */
    stage?: string;
  };

/** Token/cost sums shared by rollups and totals. */
export interface LedgerTotals {
  agentCalls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  unpricedCalls: number;
  tokenAnomalies: number;
  agentDurationMs: number;
}

/** Totals of a run with no calls yet. */
export function zeroTotals(): LedgerTotals {
  return {
    agentCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    unpricedCalls: 0,
    tokenAnomalies: 0,
    agentDurationMs: 0,
  };
}

function nonNegative(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

/** A call's own cost when it has a known price, else null (never a silent $0). */
function knownCost(costUsd: unknown): number | null {
  return typeof costUsd === 'number' && Number.isFinite(costUsd) && costUsd >= 0 ? costUsd : null;
}

/**
 * The run's one cost model: accumulates agent calls into complete per-agent and per-agent-and-model rollups and totals,
 * plus a capped list of per-call entries. The line, the Sentry event, the run summary and the progress events all read it.
 */
export class AgentCallLedger {
  private readonly rollups = new AgentRollups();
  private readonly entries = new AgentCallEntries();
  private readonly sums: LedgerTotals = zeroTotals();

  /** Add one call (made in `stage`). Cost is summed per call at that call's own price; an unknown price is counted, never $0. */
  add(call: AgentCallInput, stage: string | undefined = call.stage, normalised?: NormalisedTokens): void {
    const tokens = normalised ?? normaliseTokens(call);
    const durationMs = nonNegative(call.durationMs);
    const cost = knownCost(call.costUsd);
    const model = truncateString(String(call.model), 200);
    const agent = this.rollups.add(truncateString(String(call.agentName), 100), model, call.status === 'error', tokens, durationMs, cost);

    const s = this.sums;
    s.agentCalls += 1;
    s.inputTokens += tokens.inputTokens;
    s.outputTokens += tokens.outputTokens;
    s.cachedInputTokens += tokens.cachedInputTokens;
    s.reasoningTokens += tokens.reasoningTokens;
    s.agentDurationMs += durationMs;
    if (cost !== null) s.costUsd += cost;
    else s.unpricedCalls += 1;
    if (tokens.anomaly) s.tokenAnomalies += 1;

    if (this.entries.full) return;
    this.entries.add({
      agent,
      model,
      provider: truncateString(String(call.provider ?? 'unknown'), 100),
      task: truncateString(String(call.task ?? ''), 200),
      status: call.status === 'error' ? 'error' : 'ok',
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      cachedInputTokens: tokens.cachedInputTokens,
      reasoningTokens: tokens.reasoningTokens,
      durationMs,
      costUsd: cost,
      priceSource: truncateString(String(call.priceSource ?? (cost !== null ? 'unknown' : 'unpriced')), 200),
      startTime: typeof call.startTime === 'number' && Number.isFinite(call.startTime) ? call.startTime : Date.now() - durationMs,
      stage: stage !== undefined ? truncateString(String(stage), 100) : undefined,
      errorType: call.errorType !== undefined ? truncateString(String(call.errorType), 200) : undefined,
    });
  }

  /** Complete per-agent rollups. */
  agents(): Record<string, AgentRollup> {
    return this.rollups.agents();
  }

  /** The kept per-call entries (at most MAX_AGENT_CALL_ENTRIES). */
  calls(): AgentCallEntry[] {
    return this.entries.list();
  }

  /** Sums over every call. */
  totals(): LedgerTotals {
    return { ...this.sums };
  }

  /** Priced cost so far and the number of unpriced calls (constant time: read on every call for progress events). */
  costSoFar(): { costUsd: number; unpricedCalls: number } {
    return { costUsd: this.sums.costUsd, unpricedCalls: this.sums.unpricedCalls };
  }

  /** Complete rollups per agent and model, in first-seen order. */
  agentModels(): AgentModelSummary[] {
    return this.rollups.agentModels();
  }
}
