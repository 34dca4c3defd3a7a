import type { AgentCallRecord } from './agentCallRecord';
import type { AgentCallEntry, AgentRollup } from '../line/canonicalSchema';
import { truncateString } from '../line/serialize';
import { isoTime } from '../line/time';

/** What WideEvent.recordAgentCall() accepts: the plan's fields, plus any other AgentCallRecord field. */
export type AgentCallInput = Pick<AgentCallRecord, 'model' | 'inputTokens' | 'outputTokens' | 'durationMs' | 'costUsd'> & {
  agentName: string;
} & Partial<Omit<AgentCallRecord, 'agentName' | 'model' | 'inputTokens' | 'outputTokens' | 'durationMs' | 'costUsd'>> & {
    /** Stage that made the call, when known (the run context passes it separately). */
    stage?: string;
  };

/** Per agent-and-model rollup (the run summary's cost table). Tokens normalised as in the line's totals. */
export interface AgentModelSummary {
  agentName: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  durationMs: number;
  /** Sum of priced calls only. */
  costUsd: number;
  /** Calls whose price was unknown: their cost is not in costUsd. */
  unpricedCalls: number;
}

/** Most distinct agent-and-model pairs rolled up for the summary; further pairs fold into the last agent's "(other)" model. */
const MAX_AGENT_MODELS = 200;

/** Per-call records kept in the canonical line; beyond this only the rollups grow. */
export const MAX_AGENT_CALL_ENTRIES = 100;

/** Most distinct agents rolled up; further agent names are folded into one "(other)" rollup. */
export const MAX_AGENTS = 50;

const OTHER_AGENT = '(other)';

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

function count(n: unknown): { value: number; ok: boolean } {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return { value: 0, ok: false };
  return { value: Math.round(n), ok: true };
}

function nonNegative(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

/** A call's token counts after the subset rules (and whether they had to be applied). */
export interface NormalisedTokens {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  anomaly: boolean;
}

/** Normalised token counts of one call: input includes cached, cached ⊆ input, reasoning ⊆ output. */
export function normaliseTokens(call: Pick<AgentCallInput, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'reasoningTokens'>): NormalisedTokens {
  const input = count(call.inputTokens);
  const output = count(call.outputTokens);
  const cached = count(call.cachedInputTokens ?? 0);
  const reasoning = count(call.reasoningTokens ?? 0);
  let anomaly = !input.ok || !output.ok || !cached.ok || !reasoning.ok;
  let cachedInputTokens = cached.value;
  let reasoningTokens = reasoning.value;
  if (cachedInputTokens > input.value) {
    anomaly = true;
    cachedInputTokens = input.value;
  }
  if (reasoningTokens > output.value) {
    anomaly = true;
    reasoningTokens = output.value;
  }
  return { inputTokens: input.value, outputTokens: output.value, cachedInputTokens, reasoningTokens, anomaly };
}

/**
 * The run's one cost model: accumulates agent calls into complete per-agent and per-agent-and-model rollups and totals,
 * plus a capped list of per-call entries. The line, the Sentry event, the run summary and the progress events all read it.
 */
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

export class AgentCallLedger {
  private readonly rollups = new Map<string, AgentRollup & { modelSet: Set<string> }>();
  private readonly byModel = new Map<string, AgentModelSummary>();
  private readonly entries: AgentCallEntry[] = [];
  private readonly sums: LedgerTotals = zeroTotals();

  /** Add one call (made in `stage`). Cost is summed per call at that call's own price; an unknown price is counted, never $0. */
  add(call: AgentCallInput, stage: string | undefined = call.stage, normalised?: NormalisedTokens): void {
    const tokens = normalised ?? normaliseTokens(call);
    const durationMs = nonNegative(call.durationMs);
    const priced = typeof call.costUsd === 'number' && Number.isFinite(call.costUsd) && call.costUsd >= 0;
    const cost = priced ? (call.costUsd as number) : 0;
    const agentKey = this.agentKey(truncateString(String(call.agentName), 100));
    const model = truncateString(String(call.model), 200);

    let r = this.rollups.get(agentKey);
    if (!r) {
      r = {
        calls: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        costUsd: 0,
        unpricedCalls: 0,
        durationMs: 0,
        models: '',
        modelSet: new Set(),
      };
      this.rollups.set(agentKey, r);
    }
    r.calls += 1;
    if (call.status === 'error') r.errors += 1;
    r.inputTokens += tokens.inputTokens;
    r.outputTokens += tokens.outputTokens;
    r.cachedInputTokens += tokens.cachedInputTokens;
    r.reasoningTokens += tokens.reasoningTokens;
    r.durationMs += durationMs;
    if (priced) r.costUsd += cost;
    else r.unpricedCalls += 1;
    if (r.modelSet.size < 20) r.modelSet.add(model);
    this.addToModelRollup(agentKey, model, tokens, durationMs, priced ? cost : null);

    const s = this.sums;
    s.agentCalls += 1;
    s.inputTokens += tokens.inputTokens;
    s.outputTokens += tokens.outputTokens;
    s.cachedInputTokens += tokens.cachedInputTokens;
    s.reasoningTokens += tokens.reasoningTokens;
    s.agentDurationMs += durationMs;
    if (priced) s.costUsd += cost;
    else s.unpricedCalls += 1;
    if (tokens.anomaly) s.tokenAnomalies += 1;

    if (this.entries.length < MAX_AGENT_CALL_ENTRIES) {
      const startTime = typeof call.startTime === 'number' && Number.isFinite(call.startTime) ? call.startTime : Date.now() - durationMs;
      const entry: AgentCallEntry = {
        agent: agentKey,
        model,
        provider: truncateString(String(call.provider ?? 'unknown'), 100),
        task: truncateString(String(call.task ?? ''), 200),
        status: call.status === 'error' ? 'error' : 'ok',
        inputTokens: tokens.inputTokens,
        outputTokens: tokens.outputTokens,
        cachedInputTokens: tokens.cachedInputTokens,
        reasoningTokens: tokens.reasoningTokens,
        durationMs,
        costUsd: priced ? cost : null,
        priceSource: truncateString(String(call.priceSource ?? (priced ? 'unknown' : 'unpriced')), 200),
        startedAt: isoTime(startTime),
      };
      if (stage !== undefined) entry.stage = truncateString(String(stage), 100);
      if (call.errorType !== undefined) entry.errorType = truncateString(String(call.errorType), 200);
      this.entries.push(entry);
    }
  }

  /** Complete per-agent rollups. */
  agents(): Record<string, AgentRollup> {
    const out: Record<string, AgentRollup> = {};
    for (const [name, r] of this.rollups) {
      const { modelSet, ...rest } = r;
      out[name] = { ...rest, models: [...modelSet].join(',') };
    }
    return out;
  }

  /** The kept per-call entries (at most MAX_AGENT_CALL_ENTRIES). */
  calls(): AgentCallEntry[] {
    return [...this.entries];
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
    return [...this.byModel.values()].map((m) => ({ ...m }));
  }

  private addToModelRollup(
    agentName: string,
    model: string,
    t: { inputTokens: number; outputTokens: number; cachedInputTokens: number; reasoningTokens: number },
    durationMs: number,
    cost: number | null,
  ): void {
    let key = `${agentName}\u0000${model}`;
    let m = this.byModel.get(key);
    if (!m && this.byModel.size >= MAX_AGENT_MODELS) {
      key = `${agentName}\u0000${OTHER_AGENT}`;
      m = this.byModel.get(key);
    }
    if (!m) {
      m = {
        agentName,
        model: key.slice(agentName.length + 1),
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        durationMs: 0,
        costUsd: 0,
        unpricedCalls: 0,
      };
      this.byModel.set(key, m);
    }
    m.calls += 1;
    m.inputTokens += t.inputTokens;
    m.outputTokens += t.outputTokens;
    m.cachedInputTokens += t.cachedInputTokens;
    m.reasoningTokens += t.reasoningTokens;
    m.durationMs += durationMs;
    if (cost === null) m.unpricedCalls += 1;
    else m.costUsd += cost;
  }

  private agentKey(name: string): string {
    if (this.rollups.has(name) || this.rollups.size < MAX_AGENTS) return name;
    return OTHER_AGENT;
  }
}
