import type { LanguageModelUsage } from 'ai';
import type { OpenAIProvider } from '@ai-sdk/openai';
import { untilAborted } from '@/lib/core/cancellation';
import { loadAiSdk } from '@/lib/llm/aiSdk';
import type { ModelCallRequest, ModelProvider, TokenUsage } from '@/lib/llm/types';

/** Settings of an OpenAI-compatible chat-completions endpoint. */
export interface OpenAICompatibleOptions {
  /** Provider name used in metrics and for price lookup ("openai", "azure"). */
  name?: string;
  apiKey: string;
  /** API root including the version path, e.g. "https://api.openai.com/v1"; the SDK default when omitted. */
  baseURL?: string;
  /** Model id sent to the API (for Azure, the deployment name). */
  apiModel: string;
  /** Model id as priced and reported; defaults to `apiModel`. */
  model?: string;
  /** False when `model` is not a priced model id. */
  priced?: boolean;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Retries of transient API failures inside one call (the call is still recorded once). */
  maxRetries?: number;
}

/** Map the AI SDK's usage to ours: input includes cached tokens, reasoning tokens are a subset of output. */
export function toTokenUsage(usage: LanguageModelUsage): TokenUsage {
  const inputTokens = usage.inputTokens ?? 0;
  const cached = usage.inputTokenDetails?.cacheReadTokens ?? usage.cachedInputTokens ?? 0;
  return {
    inputTokens,
    outputTokens: usage.outputTokens ?? 0,
    cachedInputTokens: Math.min(cached, inputTokens),
    reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? usage.reasoningTokens ?? 0,
  };
}

/** A real model behind an OpenAI-compatible API, called through the Vercel AI SDK with structured output. */
export class OpenAICompatibleProvider implements ModelProvider {
  readonly name: string;
  readonly model: string;
  readonly priced: boolean;
  private readonly apiModel: string;
  private client: OpenAIProvider | undefined;
  private readonly clientOptions: Parameters<typeof import('@ai-sdk/openai').createOpenAI>[0];
  private readonly maxRetries: number;

  constructor(opts: OpenAICompatibleOptions) {
    this.name = opts.name ?? 'openai';
    this.apiModel = opts.apiModel;
    this.model = opts.model ?? opts.apiModel;
    this.priced = opts.priced ?? true;
    this.maxRetries = opts.maxRetries ?? 2;
    this.clientOptions = {
      apiKey: opts.apiKey,
      ...(opts.baseURL !== undefined && { baseURL: opts.baseURL }),
      ...(opts.headers !== undefined && { headers: opts.headers }),
      ...(opts.fetch !== undefined && { fetch: opts.fetch }),
    };
  }

  /** One structured-output chat completion; the SDK's own errors (API, parse, abort) propagate unchanged, for callModel to make safe. */
  async generate<T>(req: ModelCallRequest<T>): Promise<{ object: T; usage: TokenUsage }> {
    // The SDK is loaded on the first call (the local model never needs it); a cancelled run does not wait for it.
    const { ai, openai } = await untilAborted(loadAiSdk(), req.signal);
    this.client ??= openai.createOpenAI(this.clientOptions);
    const { generateText, Output } = ai;
    // Chat completions rather than the Responses API: every OpenAI-compatible server and Azure speak it.
    const result = await generateText({
      model: this.client.chat(this.apiModel),
      system: req.system,
      prompt: req.prompt,
      output: Output.object({ schema: req.schema }),
      maxRetries: this.maxRetries,
      // Strict mode rejects schemas with optional fields; the output is validated against the zod schema anyway.
      providerOptions: { openai: { strictJsonSchema: false } },
      ...(req.signal !== undefined && { abortSignal: req.signal }),
    });
    return { object: result.output, usage: toTokenUsage(result.totalUsage) };
  }
}
