import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { getEventBus } from '@/lib/events/EventBus';
import { getAgentMetrics, type AgentCallRecord } from '@/lib/observability';
import { beginAgentInvocation, currentRun } from '@/lib/observability';
import type { AgentName } from '@/lib/core/types';
import { loadedAiSdk } from './aiSdk';
import { errorTypeOf } from './errorTypeOf';
import { getModelProvider } from './getModelProvider';
import { ModelOutputError } from './ModelOutputError';
import { priceCall, type PriceResult } from './pricing';
import { toTokenUsage } from './providers/OpenAICompatibleProvider';
import { toSafeModelError } from './toSafeModelError';
import type { ModelCallRequest, ModelCallResult, ModelProvider, TokenUsage } from './types';
import { operatorLog } from '@/lib/logging/operatorLog';

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 };

/**
 * The single path of every agent's model call, local or real: checks cancellation, calls the provider,
 * validates the structured output, prices it, records one metrics record (also on failure) and publishes
 * progress and cost events. A failure is thrown as a safe error (see `toSafeModelError`): a provider's error carries the
 * prompt, the response body, the model's output or the URL, and must not reach anything that records it.
 */
export async function callModel<T>(req: ModelCallRequest<T>): Promise<ModelCallResult<T>> {
  throwIfAborted(req.signal);
  const provider = getModelProvider();
  // One request is one agent invocation (one unit of the agent's work): its invoke_agent span holds the call's span.
  const invocation = beginAgentInvocation(req.agent, req.task, provider.model);
  let status: 'ok' | 'error' = 'error';
  try {
    const result = await invocation.run(() => call(req, provider));
    status = 'ok';
    return result;
  } finally {
    invocation.end(status);
  }
}

async function call<T>(req: ModelCallRequest<T>, provider: ModelProvider): Promise<ModelCallResult<T>> {
  const runId = currentRun()?.run.runId;
  const startTime = Date.now();
  publishProgress(runId, req.agent, req.task, 'start', startTime);

  let usage: TokenUsage = NO_USAGE;
  try {
    const generated = await provider.generate(req);
    usage = generated.usage;
    const parsed = req.schema.safeParse(generated.object);
    if (!parsed.success) throw new ModelOutputError(req.agent, parsed.error);
    const endTime = Date.now();
    const durationMs = endTime - startTime;
    const price = priceFor(provider, usage);
    report(runId, provider, req, { usage, price, startTime, endTime, status: 'ok' });
    return { object: parsed.data, model: provider.model, provider: provider.name, usage, durationMs };
  } catch (err) {
    // An answer the SDK could not parse still spent tokens; the SDK reports them on its error.
    const noObject = loadedAiSdk()?.ai.NoObjectGeneratedError;
    if (usage === NO_USAGE && noObject?.isInstance(err) && err.usage) usage = toTokenUsage(err.usage);
    const endTime = Date.now();
    const price = priceFor(provider, usage);
    report(runId, provider, req, { usage, price, startTime, endTime, status: 'error', errorType: errorTypeOf(err) });
    throw toSafeModelError(err, { agent: req.agent, provider: provider.name, model: provider.model }, req.signal);
  }
}

function priceFor(provider: ModelProvider, usage: TokenUsage): PriceResult {
  if (provider.priced === false) return { costUsd: null, priceSource: 'unpriced' };
  return priceCall(provider.model, provider.name, usage);
}

interface CallOutcome {
  usage: TokenUsage;
  price: PriceResult;
  startTime: number;
  endTime: number;
  status: 'ok' | 'error';
  errorType?: string;
}

/** Record and publish one finished call. Instrumentation failures are reported on stderr and never reach the agent. */
function report<T>(runId: string | undefined, provider: ModelProvider, req: ModelCallRequest<T>, o: CallOutcome): void {
  const durationMs = o.endTime - o.startTime;
  const record: AgentCallRecord = {
    agentName: req.agent,
    model: provider.model,
    provider: provider.name,
    task: req.task,
    inputTokens: o.usage.inputTokens,
    outputTokens: o.usage.outputTokens,
    cachedInputTokens: o.usage.cachedInputTokens,
    reasoningTokens: o.usage.reasoningTokens,
    startTime: o.startTime,
    endTime: o.endTime,
    durationMs,
    costUsd: o.price.costUsd,
    priceSource: o.price.priceSource,
    status: o.status,
    ...(o.errorType !== undefined && { errorType: o.errorType }),
  };
  try {
    getAgentMetrics().record(record);
  } catch (err) {
    warn('recording agent metrics', err);
  }
  publishProgress(runId, req.agent, req.task, o.status === 'ok' ? 'done' : 'error', o.endTime, durationMs);
  const run = currentRun()?.run;
  if (runId === undefined || !run) return;
  try {
    // The run's one ledger already holds this call: its totals are read, never re-summed.
    const { costUsd: totalCostUsd, unpricedCalls: unpriced } = run.costSoFar();
    getEventBus().emit('cost:update', {
      runId,
      agent: req.agent,
      model: provider.model,
      costUsd: o.price.costUsd,
      totalCostUsd,
      unpriced,
      at: o.endTime,
    });
  } catch (err) {
    warn('publishing cost:update', err);
  }
}

function publishProgress(runId: string | undefined, agent: AgentName, task: string, status: 'start' | 'done' | 'error', at: number, durationMs?: number): void {
  if (runId === undefined) return;
  try {
    getEventBus().emit('agent:progress', { runId, agent, task, status, at, ...(durationMs !== undefined && { durationMs }) });
  } catch (err) {
    warn('publishing agent:progress', err);
  }
}

function warn(what: string, err: unknown): void {
  try {
    operatorLog('model-layer', `${what} failed: ${errorTypeOf(err)}`);
  } catch {
    // stderr itself is unavailable; nothing left to report to.
  }
}
