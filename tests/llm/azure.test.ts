import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callModel } from '@/lib/llm/callModel';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { createAzureOpenAIProvider, parseDeploymentModels } from '@/lib/llm/providers/AzureOpenAIProvider';
import { resetAgentMetrics } from '@/lib/observability/AgentMetrics';
import { captureAgentCalls, inTestRun } from '../support/agentCalls';
import { startOpenAICompatServer, type OpenAICompatServer } from '../support/openaiCompatServer';

let calls: ReturnType<typeof captureAgentCalls>;

const Rule = z.object({ expression: z.string() });
const req = {
  agent: 'FilterTranslatorAgent' as const,
  task: 'rule 1/4',
  system: 'Translate the rule.',
  prompt: 'Ask if Q1 = 1.',
  input: { conditionText: 'Ask if Q1 = 1' },
  schema: Rule,
};

describe('parseDeploymentModels', () => {
  it('parses "dep=model" pairs and ignores blanks and malformed pairs', () => {
    const map = parseDeploymentModels(' prod-4o = gpt-4o , mini=gpt-4o-mini,,broken,=gpt-4o,empty=');
    expect([...map]).toEqual([
      ['prod-4o', 'gpt-4o'],
      ['mini', 'gpt-4o-mini'],
    ]);
    expect(parseDeploymentModels(undefined).size).toBe(0);
  });
});

describe('Azure provider', () => {
  let server: OpenAICompatServer;
  beforeEach(async () => {
    resetAgentMetrics();
    calls = captureAgentCalls();
    resetModelProvider();
    server = await startOpenAICompatServer({
      answer: { expression: 'Q1 == 1' },
      usage: { promptTokens: 4_000, completionTokens: 100, cachedTokens: 2_000 },
    });
  });
  afterEach(async () => {
    resetModelProvider();
    await server.close();
  });

  it('defaults to the resource URL of the v1 API', () => {
    const p = createAzureOpenAIProvider({ resourceName: 'acme', apiKey: 'k', deployment: 'd' });
    expect(p.name).toBe('azure');
    expect(p.model).toBe('d');
    expect(p.priced).toBe(false);
  });

  it('calls the deployment by name with an api-key header and prices it as the mapped model', async () => {
    const provider = createAzureOpenAIProvider({
      resourceName: 'acme',
      apiKey: 'azure-key',
      deployment: 'prod-mini',
      deploymentModels: 'prod-4o=gpt-4o,prod-mini=gpt-4o-mini',
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    expect(provider.model).toBe('gpt-4o-mini');
    setModelProvider(provider);

    const result = await inTestRun('az-1', () => callModel(req));

    expect(result).toMatchObject({ provider: 'azure', model: 'gpt-4o-mini', object: { expression: 'Q1 == 1' } });
    const sent = server.requests[0]!;
    expect(sent.body.model).toBe('prod-mini');
    expect(sent.headers['api-key']).toBe('azure-key');
    expect(sent.headers.authorization).toBeUndefined();
    const [call] = calls.byRun('az-1');
    // gpt-4o-mini per million (genai-prices, Azure falls back to OpenAI's rates): input $0.15, cache read $0.075, output $0.60.
    expect(call?.costUsd).toBeCloseTo((2_000 * 0.15 + 2_000 * 0.075 + 100 * 0.6) / 1e6, 12);
    expect(call?.priceSource).toMatch(/:azure\/gpt-4o-mini$/);
  });

  it('leaves an unmapped deployment unpriced even when its name looks like a model id', async () => {
    setModelProvider(
      createAzureOpenAIProvider({
        resourceName: 'acme',
        apiKey: 'azure-key',
        deployment: 'gpt-4o-mini',
        deploymentModels: 'prod-4o=gpt-4o',
        baseURL: server.baseURL,
        maxRetries: 0,
      }),
    );
    const result = await inTestRun('az-2', () => callModel(req));
    expect(result.model).toBe('gpt-4o-mini');
    expect(calls.byRun('az-2')).toMatchObject([
      { model: 'gpt-4o-mini', provider: 'azure', costUsd: null, priceSource: 'unpriced', inputTokens: 4_000, cachedInputTokens: 2_000 },
    ]);
  });
});
