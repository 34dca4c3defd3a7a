import type { z } from 'zod';
import type { AgentName } from '@/lib/core/types';

/** Token usage of one model call. `inputTokens` includes cached ones (OpenTelemetry rule); cached and reasoning counts are subsets. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
}

/** One structured-output request from an agent to the model layer. One request is one model call. */
export interface ModelCallRequest<T> {
  agent: AgentName;
  /** Short, data-free task label for progress and breadcrumbs, e.g. "group 2/5". Never respondent data or prompt text. */
  task: string;
  system: string;
  prompt: string;
  /** Structured task input; the local model solves from this, a real provider only sees system + prompt. */
  input: unknown;
  /** zod schema of the structured output; both providers' outputs are validated against it. */
  schema: z.ZodType<T>;
  /** The local model's rules for this task (the agent's own stand-in, solving from `input`); real providers ignore it. */
  solveLocally?: (input: unknown, signal?: AbortSignal) => unknown;
  signal?: AbortSignal;
}

/** The result of one model call. */
export interface ModelCallResult<T> {
  object: T;
  /** Model id as priced (after Azure deployment → model mapping), e.g. "gpt-4o-mini" or "local-rules-v1". */
  model: string;
  provider: string;
  usage: TokenUsage;
  durationMs: number;
}

/** A provider behind the model layer (local rules, or an OpenAI-compatible API through the AI SDK). */
export interface ModelProvider {
  readonly name: string;
  readonly model: string;
  /** False when `model` is not a priced model id (an Azure deployment with no model mapping): its calls stay unpriced. */
  readonly priced?: boolean;
  generate<T>(req: ModelCallRequest<T>): Promise<{ object: T; usage: TokenUsage }>;
}
