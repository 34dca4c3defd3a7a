import type { RunSummary } from './runSummary';

/** The run `show` asked for: by exact id or a unique id prefix; the latest run when no id is given. */
export type FoundRun = { run: RunSummary } | { missing: true } | { ambiguous: RunSummary[] };

/** Find a run among runs in start order (see FoundRun). */
export function findRun(runs: readonly RunSummary[], id: string | undefined): FoundRun {
  if (id === undefined) {
    const latest = runs.at(-1);
    return latest ? { run: latest } : { missing: true };
  }
  const exact = runs.filter((r) => r.row.runId === id);
  // The same id may come from two runs (say, two output roots): the latest is meant.
  if (exact.length > 0) return { run: exact.at(-1)! };
  const byPrefix = runs.filter((r) => r.row.runId.startsWith(id));
  if (byPrefix.length === 0) return { missing: true };
  const ids = new Set(byPrefix.map((r) => r.row.runId));
  return ids.size === 1 ? { run: byPrefix.at(-1)! } : { ambiguous: byPrefix };
}
