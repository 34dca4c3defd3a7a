import { getModelSettings, missingProviderSettings, selectedProviderName, type ModelSettings } from '@/lib/settings/modelSettings';
import type { ModelProvider } from './types';
import { LocalModelProvider } from './providers/LocalModelProvider';
import { OpenAICompatibleProvider } from './providers/OpenAICompatibleProvider';
import { createAzureOpenAIProvider } from './providers/AzureOpenAIProvider';
import { processWide } from '@/lib/core/processWide';

/** Model used with OpenAI credentials when LLM_MODEL is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

interface ProviderCarrier {
  override?: ModelProvider;
  key?: string;
  provider?: ModelProvider;
}
const carrier = processWide('modelProvider', (): ProviderCarrier => ({}));

export { selectedProviderName };

/** Build a provider from the model settings (not memoised). Throws one readable line when the chosen provider lacks settings. */
export function createModelProvider(env: ModelSettings): ModelProvider {
  const missing = missingProviderSettings(env);
  if (missing) throw new Error(missing);
  const kind = selectedProviderName(env);
  if (kind === 'openai' && env.OPENAI_API_KEY) {
    return new OpenAICompatibleProvider({
      name: 'openai',
      apiKey: env.OPENAI_API_KEY,
      apiModel: env.LLM_MODEL ?? DEFAULT_OPENAI_MODEL,
      ...(env.OPENAI_BASE_URL !== undefined && { baseURL: env.OPENAI_BASE_URL }),
    });
  }
  if (kind === 'azure') {
    return createAzureOpenAIProvider({
      resourceName: env.AZURE_OPENAI_RESOURCE_NAME ?? '',
      apiKey: env.AZURE_OPENAI_API_KEY ?? '',
      deployment: env.LLM_MODEL ?? '',
      ...(env.AZURE_DEPLOYMENT_MODELS !== undefined && { deploymentModels: env.AZURE_DEPLOYMENT_MODELS }),
    });
  }
  return new LocalModelProvider();
}

function configKey(env: ModelSettings): string {
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

/** The process-wide provider for the model settings (memoised on globalThis; rebuilt when they change). Reads only the model layer's settings. */
export function getModelProvider(env: ModelSettings = getModelSettings()): ModelProvider {
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
