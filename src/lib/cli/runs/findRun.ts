import type { ReadRun } from './parseRunLine';

/** The run `show` asked for: by exact id or a unique id prefix; the latest run when no id is given. */
export type FoundRun = { run: ReadRun } | { missing: true } | { ambiguous: ReadRun[] };

/** Find a run among runs in start order (see FoundRun). */
export function findRun(runs: readonly ReadRun[], id: string | undefined): FoundRun {
  if (id === undefined) {
    const latest = runs.at(-1);
    return latest ? { run: latest } : { missing: true };
  }
  const exact = runs.filter((r) => r.line.pipelineId === id);
  // The same id may come from two runs (say, two output roots): the latest is meant.
  if (exact.length > 0) return { run: exact.at(-1)! };
  const byPrefix = runs.filter((r) => r.line.pipelineId.startsWith(id));
  if (byPrefix.length === 0) return { missing: true };
  const ids = new Set(byPrefix.map((r) => r.line.pipelineId));
  return ids.size === 1 ? { run: byPrefix.at(-1)! } : { ambiguous: byPrefix };
}
