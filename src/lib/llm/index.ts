/** The model layer: every agent's model call goes through `callModel`. */
export { callModel } from './callModel';
export { getModelProvider, setModelProvider, resetModelProvider, createModelProvider, selectedProviderName, DEFAULT_OPENAI_MODEL } from './getModelProvider';
export { priceCall, GENAI_PRICES_VERSION, LOCAL_PROVIDER, type PriceResult } from './pricing';
export { countTokens } from './tokenizer';
export { ModelOutputError } from './ModelOutputError';
export { ModelCallError, type ModelCallTarget } from './ModelCallError';
export { ModelErrorCause } from './ModelErrorCause';
export { LocalModelProvider, LOCAL_MODEL, type LocalSolve } from './providers/LocalModelProvider';
export { OpenAICompatibleProvider, toTokenUsage, type OpenAICompatibleOptions } from './providers/OpenAICompatibleProvider';
export { createAzureOpenAIProvider, parseDeploymentModels, type AzureOpenAIOptions } from './providers/AzureOpenAIProvider';
export type { ModelCallRequest, ModelCallResult, ModelProvider, TokenUsage } from './types';
