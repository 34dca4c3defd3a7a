import type { RunSummary } from './runSummary';
import { parseTimeBound } from './timeBound';
import { RUN_OUTCOMES } from '@/lib/core/vocabulary';

/** Outcomes a run can end with (as in the canonical line). */
export const OUTCOMES = RUN_OUTCOMES;

/** Which runs to select; every given condition must hold. */
export interface RunFilter {
  outcomes?: ReadonlySet<string>;
  datasets?: ReadonlySet<string>;
  orgs?: ReadonlySet<string>;
  /** Runs started at or after this. */
  since?: Date;
  /** Runs started before this. */
  until?: Date;
}

/** The filter options as given on the command line. */
export interface RunFilterOptions {
  outcome?: string;
  dataset?: string;
  org?: string;
  since?: string;
  until?: string;
}

/** A comma-separated option value as a set (blank items dropped). */
function listOf(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(
    value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  );
}

/** The filter of the command-line options, or the problem with them (bad usage). */
export function parseRunFilter(options: RunFilterOptions, now: Date): { filter: RunFilter } | { problem: string } {
  const filter: RunFilter = { outcomes: listOf(options.outcome), datasets: listOf(options.dataset), orgs: listOf(options.org) };
  const unknown = [...(filter.outcomes ?? [])].filter((o) => !(OUTCOMES as readonly string[]).includes(o));
  if (unknown.length > 0) return { problem: `--outcome: unknown outcome ${unknown.join(', ')} (one of ${OUTCOMES.join(', ')})` };
  for (const key of ['since', 'until'] as const) {
    const text = options[key];
    if (text === undefined) continue;
    const at = parseTimeBound(text, now);
    if (!at) return { problem: `--${key}: "${text}" is neither an ISO date (2025-06-01, 2025-06-01T14:00Z) nor an age (30m, 2h, 3d, 1w)` };
    filter[key] = at;
  }
  return { filter };
}

/** Whether one run meets the filter. */
export function matchesFilter(run: RunSummary, filter: RunFilter): boolean {
  const { row } = run;
  if (filter.outcomes && !filter.outcomes.has(row.outcome)) return false;
  if (filter.datasets && !filter.datasets.has(row.dataset)) return false;
  if (filter.orgs && !(row.orgId !== null && filter.orgs.has(row.orgId))) return false;
  const started = Date.parse(row.startedAt);
  if (filter.since && started < filter.since.getTime()) return false;
  if (filter.until && started >= filter.until.getTime()) return false;
  return true;
}

/** The runs that meet the filter, in their order. */
export function selectRuns(runs: readonly RunSummary[], filter: RunFilter): RunSummary[] {
  return runs.filter((run) => matchesFilter(run, filter));
}
