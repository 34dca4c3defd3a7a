import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENAI_PRICES_VERSION, priceCall } from '@/lib/llm/pricing';

const usage = (inputTokens: number, cachedInputTokens: number, outputTokens: number, reasoningTokens = 0) => ({
  inputTokens,
  cachedInputTokens,
  outputTokens,
  reasoningTokens,
});

describe('priceCall', () => {
  it('prices gpt-4o-mini from the bundled rates, cached input at the cache-read rate without double counting', () => {
    // genai-prices 0.1.8 lists openai/gpt-4o-mini at input $0.15, cache read $0.075 and output $0.60 per million tokens.
    // 10,000 input of which 4,000 cached: 6,000 × 0.15/1e6 + 4,000 × 0.075/1e6; plus 2,000 output × 0.60/1e6.
    const expected = (6_000 * 0.15 + 4_000 * 0.075 + 2_000 * 0.6) / 1e6;
    const r = priceCall('gpt-4o-mini', 'openai', usage(10_000, 4_000, 2_000));
    expect(r.costUsd).toBeCloseTo(expected, 12);
    expect(r.priceSource).toBe(`genai-prices@${GENAI_PRICES_VERSION}:openai/gpt-4o-mini`);
    const uncached = priceCall('gpt-4o-mini', 'openai', usage(10_000, 0, 2_000));
    expect(uncached.costUsd).toBeCloseTo((10_000 * 0.15 + 2_000 * 0.6) / 1e6, 12);
  });

  it('treats reasoning tokens as part of output (no extra charge)', () => {
    const plain = priceCall('gpt-4o-mini', 'openai', usage(1_000, 0, 500, 0));
    const withReasoning = priceCall('gpt-4o-mini', 'openai', usage(1_000, 0, 500, 300));
    expect(withReasoning.costUsd).toBe(plain.costUsd);
  });

  it('clamps a cached count above the input count to the input count', () => {
    const r = priceCall('gpt-4o-mini', 'openai', usage(1_000, 5_000, 0));
    expect(r.costUsd).toBeCloseTo((1_000 * 0.075) / 1e6, 12);
  });

  it('prices the local model at 0 and flags unknown models as unpriced (null, not 0)', () => {
    expect(priceCall('local-rules-v1', 'local', usage(5_000, 0, 900))).toEqual({ costUsd: 0, priceSource: 'local (free)' });
    expect(priceCall('no-such-model-xyz', 'openai', usage(5_000, 0, 900))).toEqual({ costUsd: null, priceSource: 'unpriced' });
    expect(priceCall('gpt-4o-mini', 'no-such-provider', usage(5_000, 0, 900))).toEqual({ costUsd: null, priceSource: 'unpriced' });
  });

  it('names the version of the installed price library', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../node_modules/@pydantic/genai-prices/package.json'), 'utf8')) as { version: string };
    expect(GENAI_PRICES_VERSION).toBe(pkg.version);
  });
});
