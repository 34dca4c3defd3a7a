import type { AgentName } from '@/lib/core/types';
import type { ModelErrorFacts } from './describeModelError';
import type { ModelErrorCause } from './ModelErrorCause';

/** Where a failed model call went. */
export interface ModelCallTarget {
  agent: AgentName;
  provider: string;
  model: string;
}

/** Control characters and line breaks out, length capped: a setting echoed into a message stays one short line. */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A model call failed. Keeps the original error's type as `name` (e.g. "AI_APICallError"), its HTTP status, provider,
 * model and whether a retry could help; its message is one line built from those facts and a fixed description. It never
 * holds the prompt, the response body, the model's output, request values, URLs or headers, and its cause chain holds only
 * type names and fixed descriptions.
 */
export class ModelCallError extends Error {
  override readonly name: string;
  readonly agent: AgentName;
  readonly provider: string;
  readonly model: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  /** System or network error code, e.g. "ECONNREFUSED". */
  readonly code: string | undefined;
  readonly attempts: number | undefined;
  readonly finishReason: string | undefined;

  constructor(target: ModelCallTarget, facts: ModelErrorFacts, opts: { cause?: ModelErrorCause; frames?: string } = {}) {
    const provider = oneLine(target.provider, 60);
    const model = oneLine(target.model, 100);
    const details = [
      facts.type,
      facts.statusCode !== undefined ? `HTTP ${facts.statusCode}` : undefined,
      facts.code,
      facts.finishReason !== undefined ? `finish reason ${facts.finishReason}` : undefined,
      `${provider} ${model}`,
      facts.isRetryable ? 'retryable' : undefined,
    ].filter((d): d is string => d !== undefined);
    const attempts = facts.attempts !== undefined ? ` after ${facts.attempts} attempts` : '';
    super(
      `${target.agent} model call failed: ${oneLine(facts.description)}${attempts} (${details.join(', ')})`,
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    this.name = facts.type;
    this.agent = target.agent;
    this.provider = provider;
    this.model = model;
    this.statusCode = facts.statusCode;
    this.isRetryable = facts.isRetryable;
    this.code = facts.code;
    this.attempts = facts.attempts;
    this.finishReason = facts.finishReason;
    this.stack = `${this.name}: ${this.message}${opts.frames ? `\n${opts.frames}` : ''}`;
  }
}
