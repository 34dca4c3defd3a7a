import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { getModelProvider, resetModelProvider, selectedProviderName, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { OpenAICompatibleProvider } from '@/lib/llm/providers/OpenAICompatibleProvider';

const env = (vars: Record<string, string>) => readEnv(vars as NodeJS.ProcessEnv);

afterEach(() => resetModelProvider());

describe('getModelProvider', () => {
  it('uses the local model without credentials', () => {
    const p = getModelProvider(env({}));
    expect(p).toBeInstanceOf(LocalModelProvider);
    expect([p.name, p.model]).toEqual(['local', 'local-rules-v1']);
  });

  it('uses OpenAI when a key is set, with LLM_MODEL or the default model', () => {
    const p = getModelProvider(env({ OPENAI_API_KEY: 'sk-x' }));
    expect(p).toBeInstanceOf(OpenAICompatibleProvider);
    expect([p.name, p.model]).toEqual(['openai', 'gpt-4o-mini']);
    expect(getModelProvider(env({ OPENAI_API_KEY: 'sk-x', LLM_MODEL: 'gpt-4.1' })).model).toBe('gpt-4.1');
  });

  it('lets LLM_PROVIDER win over a present key', () => {
    expect(selectedProviderName(env({ OPENAI_API_KEY: 'sk-x', LLM_PROVIDER: 'local' }))).toBe('local');
    expect(getModelProvider(env({ OPENAI_API_KEY: 'sk-x', LLM_PROVIDER: 'local' }))).toBeInstanceOf(LocalModelProvider);
  });

  it('builds Azure from its settings and names what is missing', () => {
    const p = getModelProvider(
      env({
        LLM_PROVIDER: 'azure',
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_RESOURCE_NAME: 'acme',
        LLM_MODEL: 'prod-4o',
        AZURE_DEPLOYMENT_MODELS: 'prod-4o=gpt-4o',
      }),
    );
    expect([p.name, p.model, p.priced]).toEqual(['azure', 'gpt-4o', true]);
    expect(() => getModelProvider(env({ LLM_PROVIDER: 'azure', AZURE_OPENAI_API_KEY: 'k' }))).toThrow(/AZURE_OPENAI_RESOURCE_NAME, LLM_MODEL/);
    expect(() => getModelProvider(env({ LLM_PROVIDER: 'openai' }))).toThrow(/OPENAI_API_KEY/);
  });

  it('memoises per configuration and can be reset or overridden', () => {
    const a = getModelProvider(env({ OPENAI_API_KEY: 'sk-x' }));
    expect(getModelProvider(env({ OPENAI_API_KEY: 'sk-x' }))).toBe(a);
    const b = getModelProvider(env({ OPENAI_API_KEY: 'sk-x', LLM_MODEL: 'gpt-4o' }));
    expect(b).not.toBe(a);
    resetModelProvider();
    expect(getModelProvider(env({ OPENAI_API_KEY: 'sk-x', LLM_MODEL: 'gpt-4o' }))).not.toBe(b);

    const injected = new LocalModelProvider({ solve: () => ({}) });
    setModelProvider(injected);
    expect(getModelProvider(env({ OPENAI_API_KEY: 'sk-x' }))).toBe(injected);
    resetModelProvider();
    expect(getModelProvider(env({}))).not.toBe(injected);
  });
});
