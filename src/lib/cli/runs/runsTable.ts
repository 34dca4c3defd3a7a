import type { ReadRun } from './parseRunLine';
import { formatCost, formatCount, formatLocalTime, formatMs } from './runFormat';
import { textTable, type Align } from './textTable';

/** One run as a row of the list (`--json` prints these). */
export interface RunRow {
  startedAt: string;
  runId: string;
  dataset: string;
  orgId: string | null;
  source: string;
  outcome: string;
  durationMs: number;
  agentCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  /** False when some calls had no known price (not in costUsd). */
  costComplete: boolean;
  tables: number;
  /** The line's warnings.count; null for lines written before warnings were recorded (schema 1–2). */
  warnings: number | null;
  error: string | null;
  schemaVersion: number;
  origin: string;
}

/** The row of one run. */
export function runRow({ line, schemaVersion, origin }: ReadRun): RunRow {
  return {
    startedAt: line.startedAt,
    runId: line.pipelineId,
    dataset: line.dataset,
    orgId: line.orgId ?? null,
    source: line.source,
    outcome: line.outcome,
    durationMs: line.durationMs,
    agentCalls: line.totals.agentCalls,
    inputTokens: line.totals.inputTokens,
    outputTokens: line.totals.outputTokens,
    totalTokens: line.totals.totalTokens,
    costUsd: line.totals.costUsd,
    costComplete: line.totals.costComplete,
    tables: line.totals.tableCount,
    warnings: line.warnings?.count ?? (schemaVersion >= 3 ? 0 : null),
    error: line.error ? `${line.error.type}: ${line.error.message}` : null,
    schemaVersion,
    origin,
  };
}

const HEADER = ['time', 'run id', 'dataset', 'source', 'outcome', 'duration', 'calls', 'tokens', 'cost', 'tables', 'warnings'];
const ALIGN: Align[] = ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];

/**
 * The list as text lines: a header, one aligned row per run, and a footnote when a cost is incomplete. An `org` column
 * follows the dataset when some run belongs to an org (web runs).
 */
export function renderRunsTable(rows: readonly RunRow[]): string[] {
  const withOrg = rows.some((r) => r.orgId !== null);
  const cells = rows.map((r) => [
    formatLocalTime(r.startedAt),
    r.runId,
    r.dataset,
    ...(withOrg ? [r.orgId ?? '-'] : []),
    r.source,
    r.outcome,
    formatMs(r.durationMs),
    formatCount(r.agentCalls),
    formatCount(r.totalTokens),
    formatCost(r.costUsd, r.costComplete),
    formatCount(r.tables),
    r.warnings === null ? '-' : formatCount(r.warnings),
  ]);
  const header = withOrg ? [...HEADER.slice(0, 3), 'org', ...HEADER.slice(3)] : HEADER;
  const align = withOrg ? [...ALIGN.slice(0, 3), 'left' as const, ...ALIGN.slice(3)] : ALIGN;
  const lines = textTable([header, ...cells], align);
  if (rows.some((r) => !r.costComplete)) lines.push('* some calls had no known price and are not in the cost');
  return lines;
}
