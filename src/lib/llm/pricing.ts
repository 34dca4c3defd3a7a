import { calcPrice } from '@pydantic/genai-prices';
import type { TokenUsage } from './types';

/** Version of the bundled price data (kept in step with the installed @pydantic/genai-prices; a test checks it). */
export const GENAI_PRICES_VERSION = '0.1.8';

/** Provider name of the offline local model. */
export const LOCAL_PROVIDER = 'local';

/** Estimated cost of one call and where the price came from. */
export interface PriceResult {
  /** USD, or null when the model has no known price (never a silent 0). */
  costUsd: number | null;
  /** e.g. "genai-prices@0.1.8:openai/gpt-4o-mini", "local (free)" or "unpriced". */
  priceSource: string;
}

/**
 * Estimate the cost of one call from the bundled genai-prices data (never fetched at runtime).
 * Cached input tokens are a subset of input and priced at the cache-read rate; reasoning tokens are part of output.
 */
export function priceCall(model: string, provider: string, usage: TokenUsage): PriceResult {
  if (provider === LOCAL_PROVIDER) return { costUsd: 0, priceSource: 'local (free)' };
  const inputTokens = Math.max(0, usage.inputTokens);
  const priceUsage = {
    input_tokens: inputTokens,
    cache_read_tokens: Math.min(Math.max(0, usage.cachedInputTokens), inputTokens),
    output_tokens: Math.max(0, usage.outputTokens),
  };
  try {
    const result = calcPrice(priceUsage, model, { providerId: provider });
    if (!result) return { costUsd: null, priceSource: 'unpriced' };
    return {
      costUsd: result.total_price,
      priceSource: `genai-prices@${GENAI_PRICES_VERSION}:${result.provider.id}/${result.model.id}`,
    };
  } catch {
    // Malformed price entries make calcPrice throw; a price problem must never fail a model call.
    return { costUsd: null, priceSource: 'unpriced' };
  }
}
