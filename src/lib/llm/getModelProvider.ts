import { readEnv, type Env } from '@/lib/env';
import type { ModelProvider } from './types';
import { LocalModelProvider } from './providers/LocalModelProvider';
import { OpenAICompatibleProvider } from './providers/OpenAICompatibleProvider';
import { createAzureOpenAIProvider } from './providers/AzureOpenAIProvider';

/** Model used with OpenAI credentials when LLM_MODEL is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

interface ProviderCarrier {
  override?: ModelProvider;
  key?: string;
  provider?: ModelProvider;
}
const g = globalThis as typeof globalThis & { __crosstabModelProvider?: ProviderCarrier };
const carrier = (g.__crosstabModelProvider ??= {});

/** Which provider the environment selects: LLM_PROVIDER if set, else OpenAI when a key is present, else the local model. */
export function selectedProviderName(env: Env): 'local' | 'openai' | 'azure' {
  return env.LLM_PROVIDER ?? (env.OPENAI_API_KEY ? 'openai' : 'local');
}

/** Build a provider from the environment (not memoised). Throws one readable line when the chosen provider lacks settings. */
export function createModelProvider(env: Env): ModelProvider {
  const kind = selectedProviderName(env);
  if (kind === 'openai') {
    if (!env.OPENAI_API_KEY) throw new Error('LLM_PROVIDER=openai needs OPENAI_API_KEY');
    return new OpenAICompatibleProvider({
      name: 'openai',
      apiKey: env.OPENAI_API_KEY,
      apiModel: env.LLM_MODEL ?? DEFAULT_OPENAI_MODEL,
      ...(env.OPENAI_BASE_URL !== undefined && { baseURL: env.OPENAI_BASE_URL }),
    });
  }
  if (kind === 'azure') {
    const missing = (['AZURE_OPENAI_RESOURCE_NAME', 'AZURE_OPENAI_API_KEY', 'LLM_MODEL'] as const).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new Error(`LLM_PROVIDER=azure needs ${missing.join(', ')} (LLM_MODEL is the deployment name)`);
    }
    return createAzureOpenAIProvider({
      resourceName: env.AZURE_OPENAI_RESOURCE_NAME ?? '',
      apiKey: env.AZURE_OPENAI_API_KEY ?? '',
      deployment: env.LLM_MODEL ?? '',
      ...(env.AZURE_DEPLOYMENT_MODELS !== undefined && { deploymentModels: env.AZURE_DEPLOYMENT_MODELS }),
    });
  }
  return new LocalModelProvider();
}

function configKey(env: Env): string {
  return JSON.stringify([
    selectedProviderName(env),
    env.OPENAI_API_KEY,
    env.OPENAI_BASE_URL,
    env.LLM_MODEL,
    env.AZURE_OPENAI_API_KEY,
    env.AZURE_OPENAI_RESOURCE_NAME,
    env.AZURE_DEPLOYMENT_MODELS,
  ]);
}

/** The process-wide provider for the current environment (memoised on globalThis; rebuilt when the model settings change). */
export function getModelProvider(env: Env = readEnv()): ModelProvider {
  if (carrier.override) return carrier.override;
  const key = configKey(env);
  if (!carrier.provider || carrier.key !== key) {
    carrier.provider = createModelProvider(env);
    carrier.key = key;
  }
  return carrier.provider;
}

/** Use this provider for every call until reset (tests, or a host that builds its own provider). */
export function setModelProvider(provider: ModelProvider): void {
  carrier.override = provider;
}

/** Forget the memoised and any injected provider (tests). */
export function resetModelProvider(): void {
  carrier.override = undefined;
  carrier.key = undefined;
  carrier.provider = undefined;
}
