import type { AgentName } from '@/lib/core/types';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { yieldToEventLoop } from '@/lib/core/cooperative';
import { countTokens } from '@/lib/llm/tokenizer';
import { LOCAL_PROVIDER } from '@/lib/llm/pricing';
import type { ModelCallRequest, ModelProvider, TokenUsage } from '@/lib/llm/types';

/** Solves one agent task from its structured input (the per-agent local rules). */
export type LocalSolve = (agent: AgentName, input: unknown, signal?: AbortSignal) => unknown;

/** Model id of the local rules, as it appears in metrics. */
export const LOCAL_MODEL = 'local-rules-v1';

/** The request's own local rules (each agent passes the stand-in that solves its task). */
const requestSolve = (req: ModelCallRequest<unknown>): unknown => {
  if (!req.solveLocally) throw new Error(`${req.agent}: no local rules for this task`);
  return req.solveLocally(req.input, req.signal);
};

/** The offline model: deterministic per-agent rules, with real token counts from the tokenizer and no cost. */
export class LocalModelProvider implements ModelProvider {
  readonly name = LOCAL_PROVIDER;
  readonly model = LOCAL_MODEL;
  readonly priced = true;
  private readonly solve: LocalSolve | undefined;

  /** `solve` replaces the requests' own rules (tests). */
  constructor(opts: { solve?: LocalSolve } = {}) {
    this.solve = opts.solve;
  }

  /** Solve the request's input locally; usage counts the prompt and the JSON answer as a real model would see them. */
  async generate<T>(req: ModelCallRequest<T>): Promise<{ object: T; usage: TokenUsage }> {
    // A real provider answers from the network; yielding here keeps the host's event loop (HTTP, progress, cancel) moving
    // between local calls the same way.
    await yieldToEventLoop();
    throwIfAborted(req.signal);
    const object = (await (this.solve ? this.solve(req.agent, req.input, req.signal) : requestSolve(req))) as T;
    // Solving and counting are both CPU work: a turn of the event loop between them keeps a cancel (or a request) waiting
    // for one of them, never both.
    await yieldToEventLoop();
    throwIfAborted(req.signal);
    const usage: TokenUsage = {
      inputTokens: countTokens(`${req.system}\n${req.prompt}`),
      outputTokens: countTokens(JSON.stringify(object) ?? ''),
      cachedInputTokens: 0,
      reasoningTokens: 0,
    };
    return { object, usage };
  }
}
