import type { AgentRollup } from '../line/canonicalSchema';
import type { NormalisedTokens } from './tokenCounts';

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

/** Most distinct agents rolled up; further agent names are folded into one "(other)" rollup. */
export const MAX_AGENTS = 50;

/** Most distinct agent-and-model pairs rolled up for the summary; further pairs fold into their agent's "(other)" model. */
const MAX_AGENT_MODELS = 200;

/** Most models named in an agent's rollup. */
const MAX_MODELS_NAMED = 20;

const OTHER = '(other)';

/** One agent's rollup, the models it names, and its rollups per model (found by model name: no key is built per call). */
interface AgentState {
  readonly rollup: Omit<AgentRollup, 'models'>;
  readonly named: Set<string>;
  readonly byModel: Map<string, AgentModelSummary>;
}

function zeroSummary(agentName: string, model: string): AgentModelSummary {
  return { agentName, model, calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, durationMs: 0, costUsd: 0, unpricedCalls: 0 };
}

/** Complete rollups of a run's calls per agent and per agent and model, bounded in the number of agents and pairs. */
export class AgentRollups {
  private readonly byAgent = new Map<string, AgentState>();
  /** Every agent-and-model rollup, in first-seen order. */
  private readonly pairs: AgentModelSummary[] = [];

  /** Add one call of `agentName` to `model` (both already cut to their limits); returns the agent's name as rolled up. */
  add(agentName: string, model: string, failed: boolean, t: NormalisedTokens, durationMs: number, cost: number | null): string {
    let name = agentName;
    let agent = this.byAgent.get(name);
    if (agent === undefined) {
      if (this.byAgent.size >= MAX_AGENTS) name = OTHER;
      agent = this.byAgent.get(name) ?? this.newAgent(name);
    }
    const r = agent.rollup;
    r.calls += 1;
    if (failed) r.errors += 1;
    r.inputTokens += t.inputTokens;
    r.outputTokens += t.outputTokens;
    r.cachedInputTokens += t.cachedInputTokens;
    r.reasoningTokens += t.reasoningTokens;
    r.durationMs += durationMs;
    if (cost !== null) r.costUsd += cost;
    else r.unpricedCalls += 1;
    if (agent.named.size < MAX_MODELS_NAMED) agent.named.add(model);

    const m = agent.byModel.get(model) ?? this.unseenModel(name, agent, model);
    m.calls += 1;
    m.inputTokens += t.inputTokens;
    m.outputTokens += t.outputTokens;
    m.cachedInputTokens += t.cachedInputTokens;
    m.reasoningTokens += t.reasoningTokens;
    m.durationMs += durationMs;
    if (cost !== null) m.costUsd += cost;
    else m.unpricedCalls += 1;
    return name;
  }

  /** Per-agent rollups, keyed by agent. */
  agents(): Record<string, AgentRollup> {
    const out: Record<string, AgentRollup> = {};
    for (const [name, { rollup, named }] of this.byAgent) out[name] = { ...rollup, models: [...named].join(',') };
    return out;
  }

  /** Copies of the agent-and-model rollups, in first-seen order. */
  agentModels(): AgentModelSummary[] {
    return this.pairs.map((m) => ({ ...m }));
  }

  private newAgent(name: string): AgentState {
    const rollup = {
      calls: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      costUsd: 0,
      unpricedCalls: 0,
      durationMs: 0,
    };
    const agent: AgentState = { rollup, named: new Set(), byModel: new Map() };
    this.byAgent.set(name, agent);
    return agent;
  }

  /**
   * The rollup for a model the agent has none of yet: a new one while there are fewer than MAX_AGENT_MODELS pairs, else
   * the agent's "(other)" one.
   */
  private unseenModel(agentName: string, agent: AgentState, model: string): AgentModelSummary {
    const key = this.pairs.length < MAX_AGENT_MODELS ? model : OTHER;
    let m = agent.byModel.get(key);
    if (m === undefined) {
      m = zeroSummary(agentName, key);
      agent.byModel.set(key, m);
      this.pairs.push(m);
    }
    return m;
  }
}
