/** A duration for people: `840ms`, `12.4s`, `3m05s`, `1h02m`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A count with thousands separators: `52,310`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A cost in US dollars: `$0`, `$0.0042`, `$1.27`; `*` marks a cost that leaves out calls without a known price. */
export function formatCost(usd: number, complete = true): string {
  const text = usd === 0 ? '$0' : usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
  return complete ? text : `${text}*`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A timestamp in local time, to the second: `2025-06-01 14:03:07`. */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}
