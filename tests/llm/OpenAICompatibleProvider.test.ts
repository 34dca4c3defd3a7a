import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callModel } from '@/lib/llm/callModel';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { OpenAICompatibleProvider } from '@/lib/llm/providers/OpenAICompatibleProvider';
import { priceCall } from '@/lib/llm/pricing';
import { resetAgentMetrics } from '@/lib/observability/AgentMetrics';
import { captureAgentCalls, inTestRun } from '../support/agentCalls';
import { isCancellation } from '@/lib/core/PipelineErrors';
import { startOpenAICompatServer, type OpenAICompatServer } from '../support/openaiCompatServer';

let calls: ReturnType<typeof captureAgentCalls>;

const Verdict = z.object({ label: z.string(), lowValue: z.boolean() });

const req = (signal?: AbortSignal) => ({
  agent: 'VerificationAgent' as const,
  task: 'table 3/9',
  system: 'Review the table.',
  prompt: 'Table Q4 with rows Yes/No.',
  input: { tableId: 'Q4' },
  schema: Verdict,
  ...(signal !== undefined && { signal }),
});

let server: OpenAICompatServer | undefined;
beforeEach(() => {
  resetAgentMetrics();
  calls = captureAgentCalls();
  resetModelProvider();
});
afterEach(async () => {
  resetModelProvider();
  await server?.close();
  server = undefined;
});

describe('OpenAICompatibleProvider against a local chat-completions server', () => {
  it('sends a structured-output request and maps usage with cached tokens as a subset of input', async () => {
    server = await startOpenAICompatServer({
      answer: { label: 'Owns a car', lowValue: false },
      usage: { promptTokens: 1_200, completionTokens: 80, cachedTokens: 1_024, reasoningTokens: 16 },
    });
    const provider = new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: server.baseURL, apiModel: 'gpt-4o-mini', maxRetries: 0 });
    const out = await provider.generate(req());

    expect(out.object).toEqual({ label: 'Owns a car', lowValue: false });
    expect(out.usage).toEqual({ inputTokens: 1_200, outputTokens: 80, cachedInputTokens: 1_024, reasoningTokens: 16 });

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('gpt-4o-mini');
    expect(sent.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: false } });
    expect(JSON.stringify(sent.body.messages)).toContain('Review the table.');
  });

  it('goes through callModel: one record with provider usage and the genai-prices cost', async () => {
    server = await startOpenAICompatServer({
      answer: { label: 'Owns a car', lowValue: true },
      usage: { promptTokens: 2_000, completionTokens: 300, cachedTokens: 1_500 },
    });
    setModelProvider(new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: server.baseURL, apiModel: 'gpt-4o-mini', maxRetries: 0 }));

    const result = await inTestRun('run-oa', () => callModel(req()));

    expect(result).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', object: { lowValue: true } });
    const [call, ...rest] = calls.byRun('run-oa');
    expect(rest).toHaveLength(0);
    expect(call).toMatchObject({ inputTokens: 2_000, cachedInputTokens: 1_500, outputTokens: 300, status: 'ok' });
    // gpt-4o-mini per million: input $0.15, cache read $0.075, output $0.60 → 500 uncached + 1,500 cached + 300 output.
    expect(call?.costUsd).toBeCloseTo((500 * 0.15 + 1_500 * 0.075 + 300 * 0.6) / 1e6, 12);
    expect(call?.costUsd).toBe(priceCall('gpt-4o-mini', 'openai', result.usage).costUsd);
    expect(call?.priceSource).toMatch(/^genai-prices@[\d.]+:openai\/gpt-4o-mini$/);
  });

  it('records an API failure and re-throws the SDK error', async () => {
    server = await startOpenAICompatServer({ answer: null, usage: { promptTokens: 0, completionTokens: 0 }, status: 400 });
    setModelProvider(new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: server.baseURL, apiModel: 'gpt-4o-mini', maxRetries: 0 }));

    const err = await inTestRun('run-err', () => callModel(req())).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AI_APICallError');
    expect(calls.byRun('run-err')).toMatchObject([{ status: 'error', errorType: 'AI_APICallError', inputTokens: 0 }]);
  });

  it('records the tokens spent on an answer that does not match the schema', async () => {
    server = await startOpenAICompatServer({
      answer: { label: 42 },
      usage: { promptTokens: 700, completionTokens: 20, cachedTokens: 0 },
    });
    setModelProvider(new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: server.baseURL, apiModel: 'gpt-4o-mini', maxRetries: 0 }));

    const err = await inTestRun('run-bad', () => callModel(req())).catch((e: unknown) => e);

    expect((err as Error).name).toBe('AI_NoObjectGeneratedError');
    expect(calls.byRun('run-bad')).toMatchObject([{ status: 'error', errorType: 'AI_NoObjectGeneratedError', inputTokens: 700, outputTokens: 20 }]);
  });

  it('aborts an in-flight request with a cancellation error', async () => {
    server = await startOpenAICompatServer({ answer: null, usage: { promptTokens: 0, completionTokens: 0 }, hang: true });
    setModelProvider(new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: server.baseURL, apiModel: 'gpt-4o-mini', maxRetries: 0 }));
    const controller = new AbortController();
    const pending = inTestRun('run-abort', () => callModel(req(controller.signal))).catch((e: unknown) => e);
    await server.waitForRequests(1);
    controller.abort();

    const err = await pending;
    expect(isCancellation(err)).toBe(true);
    expect(calls.byRun('run-abort')).toMatchObject([{ status: 'error', errorType: 'AbortError' }]);
  });
});
