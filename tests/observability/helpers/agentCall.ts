import type { AgentCallRecord } from '@/lib/observability';

let clock = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A realistic agent-call record; `over` overrides any field. Times advance deterministically. */
export function agentCall(over: Partial<AgentCallRecord> = {}): AgentCallRecord {
  const startTime = over.startTime ?? clock;
  const durationMs = over.durationMs ?? 250;
  clock = startTime + durationMs + 5;
  return {
    agentName: 'CrosstabAgent',
    model: 'gpt-4o-mini',
    provider: 'openai',
    task: 'map banner columns',
    inputTokens: 1200,
    outputTokens: 300,
    cachedInputTokens: 200,
    reasoningTokens: 0,
    startTime,
    endTime: startTime + durationMs,
    durationMs,
    costUsd: 0.00036,
    priceSource: 'genai-prices@0.1.8:openai/gpt-4o-mini',
    status: 'ok',
    ...over,
  };
}
