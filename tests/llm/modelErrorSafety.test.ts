import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callModel } from '@/lib/llm/callModel';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { ModelCallError } from '@/lib/llm/ModelCallError';
import { ModelOutputError } from '@/lib/llm/ModelOutputError';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { OpenAICompatibleProvider } from '@/lib/llm/providers/OpenAICompatibleProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { PipelineCancelledError, isCancellation } from '@/lib/core/PipelineErrors';
import { resetAgentMetrics } from '@/lib/observability/AgentMetrics';
import { captureAgentCalls, inTestRun } from '../support/agentCalls';
import { refusedPort } from '../support/envelopeServer';
import { CANARY, causeLevels, expectNoCanary, expectSafeError } from '../support/canaries';
import { startOpenAICompatServer, type CompatReply, type CompatRequest, type OpenAICompatServer } from '../support/openaiCompatServer';

let recorded: ReturnType<typeof captureAgentCalls>;

const Group = z.object({ label: z.string(), columns: z.array(z.object({ label: z.string(), source: z.string() })) });

function request(signal?: AbortSignal, schema: z.ZodType<z.infer<typeof Group>> = Group): ModelCallRequest<z.infer<typeof Group>> {
  return {
    agent: 'BannerAgent',
    task: 'group 1/1',
    system: `You read banner plans. ${CANARY.system}`,
    prompt: `## Region\nNorth: lives in the north (${CANARY.prompt})\nSouth: lives in the south`,
    input: { heading: 'Region' },
    schema,
    ...(signal !== undefined && { signal }),
  };
}

const NO_USAGE = { promptTokens: 0, completionTokens: 0 };

/** An error body echoing what a careless endpoint echoes: the key it was sent and the messages (prompt), over several lines. */
function echoingBody(req: CompatRequest): unknown {
  return {
    error: {
      message: `Incorrect API key provided: ${String(req.headers.authorization)}.\nRequest: ${JSON.stringify(req.body.messages)}\n${CANARY.body}`,
      type: 'invalid_request_error',
      code: CANARY.body,
    },
  };
}

let server: OpenAICompatServer | undefined;
let seq = 0;

async function serve(reply: (req: CompatRequest) => CompatReply): Promise<OpenAICompatServer> {
  server = await startOpenAICompatServer(reply);
  return server;
}

function openai(baseURL: string, opts: { maxRetries?: number; fetch?: typeof globalThis.fetch } = {}): OpenAICompatibleProvider {
  return new OpenAICompatibleProvider({
    apiKey: CANARY.apiKey,
    baseURL,
    apiModel: 'gpt-4o-mini',
    maxRetries: opts.maxRetries ?? 0,
    ...(opts.fetch && { fetch: opts.fetch }),
  });
}

/** Make one call through callModel with `provider`; return what it threw and the metrics record it left. */
async function failingCall(provider: ModelProvider, signal?: AbortSignal, schema?: z.ZodType<z.infer<typeof Group>>) {
  setModelProvider(provider);
  seq += 1;
  const runId = `run-safety-${seq}`;
  const err = await inTestRun(runId, () => callModel(request(signal, schema))).then(
    () => {
      throw new Error('the call was expected to fail');
    },
    (e: unknown) => e,
  );
  const calls = recorded.byRun(runId);
  expect(calls).toHaveLength(1);
  return { err, record: calls[0]! };
}

/** The error and the record hold no canary, and the facts a reader needs are there. */
function expectSafeFailure(
  { err, record }: Awaited<ReturnType<typeof failingCall>>,
  facts: { type: string; statusCode?: number; isRetryable?: boolean; provider?: string; model?: string },
): ModelCallError {
  expectSafeError(err);
  expectNoCanary(JSON.stringify(record), 'the metrics record');
  expect(err).toBeInstanceOf(ModelCallError);
  const e = err as ModelCallError;
  const provider = facts.provider ?? 'openai';
  const model = facts.model ?? 'gpt-4o-mini';
  expect(e).toMatchObject({ name: facts.type, agent: 'BannerAgent', provider, model, statusCode: facts.statusCode });
  if (facts.isRetryable !== undefined) expect(e.isRetryable).toBe(facts.isRetryable);
  expect(e.message).toContain(facts.type);
  expect(e.message).toContain(`${provider} ${model}`);
  if (facts.statusCode !== undefined) expect(e.message).toContain(`HTTP ${facts.statusCode}`);
  expect(record).toMatchObject({ status: 'error', errorType: facts.type, provider, model });
  // Serialised, the error still says what it is.
  expect(JSON.parse(JSON.stringify(e))).toMatchObject({ name: facts.type, provider, model });
  return e;
}

beforeEach(() => {
  resetAgentMetrics();
  recorded = captureAgentCalls();
  resetModelProvider();
});
afterEach(async () => {
  resetModelProvider();
  await server?.close();
  server = undefined;
});

describe('model errors from an OpenAI-compatible endpoint carry no content', () => {
  it.each([
    { status: 401, retryable: false, description: 'the API rejected the credentials' },
    { status: 400, retryable: false, description: 'the API rejected the request' },
    { status: 429, retryable: true, description: 'the API rate limit or quota was exceeded' },
    { status: 500, retryable: true, description: 'the API failed with a server error' },
  ])('HTTP $status whose body echoes the key and the prompt', async ({ status, retryable, description }) => {
    const s = await serve((req) => ({ answer: null, usage: NO_USAGE, status, errorBody: echoingBody(req) }));
    const failure = await failingCall(openai(s.baseURL));

    // The endpoint did echo the canaries, so the SDK's error held them.
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${CANARY.apiKey}`);
    const e = expectSafeFailure(failure, { type: 'AI_APICallError', statusCode: status, isRetryable: retryable });
    expect(e.message).toBe(
      `BannerAgent model call failed: ${description} (AI_APICallError, HTTP ${status}, openai gpt-4o-mini${retryable ? ', retryable' : ''})`,
    );
    expect(e.cause).toBeUndefined();
  });

  it('a rate limit retried until the SDK gives up: the retry error, its attempts and the last attempt as a safe cause', async () => {
    const s = await serve((req) => ({ answer: null, usage: NO_USAGE, status: 429, headers: { 'retry-after-ms': '0' }, errorBody: echoingBody(req) }));
    const failure = await failingCall(openai(s.baseURL, { maxRetries: 2 }));

    expect(s.requests).toHaveLength(3);
    const e = expectSafeFailure(failure, { type: 'AI_RetryError', statusCode: 429, isRetryable: true });
    expect(e.attempts).toBe(3);
    expect(e.message).toContain('after 3 attempts');
    expect(causeLevels(e).map((l) => (l as Error).name)).toEqual(['AI_RetryError', 'AI_APICallError']);
    expect(e.cause).toMatchObject({ statusCode: 429 });
  });

  it('an answer that is not JSON: the type and finish reason, not the text, and the tokens it spent', async () => {
    const s = await serve(() => ({
      answer: null,
      content: `Sure! Here are the groups:\n${CANARY.output}`,
      usage: { promptTokens: 321, completionTokens: 12 },
    }));
    const failure = await failingCall(openai(s.baseURL));

    const e = expectSafeFailure(failure, { type: 'AI_NoObjectGeneratedError' });
    expect(e.finishReason).toBe('stop');
    expect(e.message).toContain("the model's answer is not valid JSON");
    expect(causeLevels(e).map((l) => (l as Error).name)).toEqual(['AI_NoObjectGeneratedError', 'AI_JSONParseError', 'SyntaxError']);
    expect(failure.record).toMatchObject({ inputTokens: 321, outputTokens: 12 });
  });

  it('an answer that violates the schema: no value of it in the error', async () => {
    const s = await serve(() => ({
      answer: { label: 7, columns: [{ label: CANARY.output, source: 3 }], [CANARY.output]: true },
      usage: { promptTokens: 300, completionTokens: 30 },
    }));
    const failure = await failingCall(openai(s.baseURL));

    const e = expectSafeFailure(failure, { type: 'AI_NoObjectGeneratedError' });
    expect(e.message).toContain('does not match the expected schema');
    expect(causeLevels(e).map((l) => (l as Error).name)).toEqual(['AI_NoObjectGeneratedError', 'AI_TypeValidationError', 'ZodError']);
  });

  it('a 200 whose body is not JSON (a proxy page)', async () => {
    const s = await serve(() => ({ answer: null, usage: NO_USAGE, rawBody: `<html><body>${CANARY.body} ${CANARY.apiKey}</body></html>` }));
    const failure = await failingCall(openai(s.baseURL));

    const e = expectSafeFailure(failure, { type: 'AI_APICallError', statusCode: 200 });
    expect(e.message).toContain('the API answered with a body that is not valid JSON');
  });

  it('credentials in the base URL, against a server that answers', async () => {
    const s = await serve(() => ({ answer: { label: 'Region', columns: [] }, usage: NO_USAGE }));
    const failure = await failingCall(openai(s.baseURL.replace('http://', `http://user:${CANARY.password}@`)));

    const e = expectSafeFailure(failure, { type: 'TypeError' });
    expect(e.message).toContain('the API URL includes credentials');
  });

  it('credentials in the base URL, on a refused port', async () => {
    const port = await refusedPort();
    const failure = await failingCall(openai(`http://user:${CANARY.password}@127.0.0.1:${port}/v1`));

    expectSafeFailure(failure, { type: 'TypeError' });
  });

  it('a refused connection: its code and retryable, no URL', async () => {
    const port = await refusedPort();
    const failure = await failingCall(openai(`http://127.0.0.1:${port}/v1`));

    const e = expectSafeFailure(failure, { type: 'AI_APICallError', isRetryable: true });
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.message).toContain('cannot connect to the API');
    expect(e.message).not.toContain(String(port));
  });

  it('network errors whose messages quote the URL with its userinfo (DNS failure, refused connection)', async () => {
    const url = `http://user:${CANARY.password}@llm.internal.example/v1`;
    for (const code of ['ENOTFOUND', 'ECONNREFUSED']) {
      const fetchStub: typeof globalThis.fetch = async () => {
        const cause = Object.assign(new Error(`getaddrinfo ${code} ${url}`), { code, hostname: url });
        throw new TypeError('fetch failed', { cause });
      };
      const failure = await failingCall(openai(url, { fetch: fetchStub }));
      const e = expectSafeFailure(failure, { type: 'AI_APICallError' });
      expect(e.code).toBe(code);
      expect(e.message).toContain(code);
    }
  });

  it('a base URL that is not a URL', async () => {
    const failure = await failingCall(openai(`not a url ${CANARY.password}`));

    const e = expectSafeFailure(failure, { type: 'TypeError' });
    expect(e.message).toContain('the API URL is not a valid URL');
  });

  it('an aborted call stays a cancellation, also when aborted with a reason that quotes content', async () => {
    for (const reason of [undefined, new Error(`stop: ${CANARY.prompt}`)]) {
      const s = await serve(() => ({ answer: null, usage: NO_USAGE, hang: true }));
      const controller = new AbortController();
      const pending = failingCall(openai(s.baseURL), controller.signal);
      await s.waitForRequests(1);
      controller.abort(reason);
      const { err, record } = await pending;
      await s.close();
      server = undefined;

      expect(err).toBeInstanceOf(PipelineCancelledError);
      expect(isCancellation(err)).toBe(true);
      expectSafeError(err);
      expect(record.errorType).toBe(reason === undefined ? 'AbortError' : 'Error');
    }
  });
});

describe('errors thrown by any provider carry no content', () => {
  const stub = (thrown: () => unknown): ModelProvider => ({
    name: 'openai',
    model: 'gpt-4o-mini',
    generate: async () => {
      throw thrown();
    },
  });

  it('a string', async () => {
    const e = expectSafeFailure(await failingCall(stub(() => `request failed: ${CANARY.prompt}`)), { type: 'string' });
    expect(e.message).toBe('BannerAgent model call failed: the provider threw a value that is not an Error (string, openai gpt-4o-mini)');
  });

  it('a plain object shaped like an error', async () => {
    expectSafeFailure(await failingCall(stub(() => ({ name: 'APIError', message: CANARY.body, body: CANARY.apiKey }))), { type: 'object' });
  });

  it('an Error whose name is free text, with a cause chain that loops', async () => {
    const inner = new Error(`inner ${CANARY.output}`);
    const outer = new Error(`outer ${CANARY.prompt}`, { cause: inner });
    (inner as { cause?: unknown }).cause = outer;
    outer.name = `Bad ${CANARY.body}`;
    const e = expectSafeFailure(await failingCall(stub(() => outer)), { type: 'Error' });
    expect(causeLevels(e)).toHaveLength(2);
  });

  it('an Error whose properties throw when read', async () => {
    const evil = new Error(CANARY.prompt);
    Object.defineProperty(evil, 'cause', {
      get: () => {
        throw new Error(CANARY.body);
      },
    });
    Object.defineProperty(evil, 'stack', {
      get: () => {
        throw new Error(CANARY.body);
      },
    });
    expectSafeFailure(await failingCall(stub(() => evil)), { type: 'Error' });
  });

  it('the local model failing with a message that quotes its input', async () => {
    const provider = new LocalModelProvider({
      solve: () => {
        throw new RangeError(`no rule for "${CANARY.prompt}"`, { cause: new Error(CANARY.output) });
      },
    });
    const e = expectSafeFailure(await failingCall(provider), { type: 'RangeError', provider: 'local', model: 'local-rules-v1' });
    expect(causeLevels(e).map((l) => (l as Error).name)).toEqual(['RangeError', 'Error']);
  });

  it('output that fails the schema: a ModelOutputError whose cause keeps no value (zod quotes unknown keys)', async () => {
    const provider = new LocalModelProvider({ solve: () => ({ label: CANARY.output, columns: [{ label: 5, source: CANARY.output }], [CANARY.output]: 1 }) });
    const { err, record } = await failingCall(provider, undefined, Group.strict());

    expect(err).toBeInstanceOf(ModelOutputError);
    expectSafeError(err);
    expectNoCanary(JSON.stringify(record), 'the metrics record');
    expect((err as Error).message).toBe('BannerAgent output does not match its schema: columns.0.label: invalid_type; (root): unrecognized_keys');
    expect(causeLevels(err).map((l) => (l as Error).name)).toEqual(['ModelOutputError', 'ZodError']);
  });
});
