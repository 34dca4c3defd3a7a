/** A duration for people: "840 ms", "2.35 s", "71.4 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A whole count with thousands separators, the same on server and client. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A cost in US dollars; small amounts keep four decimals; null is an unpriced call. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return 'unpriced';
  return `$${usd.toFixed(usd > 0 && usd < 0.01 ? 4 : 2)}`;
}
