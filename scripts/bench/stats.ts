/** Median of a list of numbers (0 for an empty list). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Microseconds per call of `fn`, run `n` times. */
export function usPerCall(n: number, fn: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / n;
}

/** A realistic agent call record; times advance with `i`. */
export function benchCall(i: number, base = Date.now()) {
  return {
    agentName: (['BannerAgent', 'CrosstabAgent', 'VerificationAgent', 'SkipLogicAgent', 'FilterTranslatorAgent'] as const)[i % 5]!,
    model: 'gpt-4o-mini',
    provider: 'openai',
    task: `table ${i}`,
    inputTokens: 1200,
    outputTokens: 300,
    cachedInputTokens: 200,
    reasoningTokens: 0,
    startTime: base + i,
    endTime: base + i + 40,
    durationMs: 40,
    costUsd: 0.00036,
    priceSource: 'bench',
    status: 'ok' as const,
  };
}
