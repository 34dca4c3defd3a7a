/** One agent call as measured by the model layer. `inputTokens` includes cached ones; cached/reasoning are subsets. */
export interface AgentCallRecord {
  /** One of the pipeline's agent names (a string here: this module owns its vocabulary). */
  agentName: string;
  model: string;
  provider: string;
  task: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  /** Epoch ms when the call started and ended (the gen_ai span is timed to these). */
  startTime: number;
  endTime: number;
  durationMs: number;
  /** Estimated cost in USD from the price library; null when the model has no known price. */
  costUsd: number | null;
  /** Where the price came from, e.g. "genai-prices@0.1.8:openai/gpt-4o-mini", "local (free)" or "unpriced". */
  priceSource: string;
  status: 'ok' | 'error';
  errorType?: string;
}
