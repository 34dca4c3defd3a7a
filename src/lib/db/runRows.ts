import type { Insertable, Selectable, Updateable } from 'kysely';
import type { RunRecord, RunStageState } from './RunRecord';
import type { RunsTable } from './schema';

/** A row of `runs` as read. */
export type RunRow = Selectable<RunsTable>;

/** Fields that may change after a run is created (the attempt changes only through RunStore.startAttempt). */
export type RunPatch = Partial<
  Pick<
    RunRecord,
    | 'status'
    | 'outcome'
    | 'stage'
    | 'progress'
    | 'stages'
    | 'startedAt'
    | 'finishedAt'
    | 'durationMs'
    | 'tableCount'
    | 'outputDir'
    | 'workbookPath'
    | 'tablesPath'
    | 'error'
    | 'canonicalLine'
    | 'worker'
    | 'leaseExpiresAt'
  >
>;

/** What is needed to create a run. */
export type NewRun = Pick<RunRecord, 'id' | 'orgId' | 'userId' | 'dataset' | 'inputKind' | 'inputDir'> & { createdAt?: number };

function parseStages(json: string): RunStageState[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as RunStageState[]) : [];
  } catch {
    return [];
  }
}

/** The record of a row. */
export function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    dataset: row.dataset,
    inputKind: row.input_kind,
    inputDir: row.input_dir,
    status: row.status,
    outcome: row.outcome,
    stage: row.stage,
    progress: row.progress,
    stages: parseStages(row.stages_json),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    tableCount: row.table_count,
    outputDir: row.output_dir,
    workbookPath: row.workbook_path,
    tablesPath: row.tables_path,
    error: row.error_type === null ? null : { type: row.error_type, message: row.error_message ?? '', stage: row.error_stage },
    canonicalLine: row.canonical_line,
    attempt: row.attempt,
    worker: row.worker,
    leaseExpiresAt: row.lease_expires_at,
  };
}

/** The row inserted for a new run (status queued, no attempt yet). */
export function newRunRow(run: NewRun, now: number): Insertable<RunsTable> {
  return {
    id: run.id,
    org_id: run.orgId,
    user_id: run.userId,
    dataset: run.dataset,
    input_kind: run.inputKind,
    input_dir: run.inputDir,
    status: 'queued',
    created_at: run.createdAt ?? now,
  };
}

type PlainPatchKey = Exclude<keyof RunPatch, 'error' | 'stages'>;

const PATCH_COLUMNS = {
  status: 'status',
  outcome: 'outcome',
  stage: 'stage',
  progress: 'progress',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  durationMs: 'duration_ms',
  tableCount: 'table_count',
  outputDir: 'output_dir',
  workbookPath: 'workbook_path',
  tablesPath: 'tables_path',
  canonicalLine: 'canonical_line',
  worker: 'worker',
  leaseExpiresAt: 'lease_expires_at',
} as const satisfies Record<PlainPatchKey, keyof RunsTable>;

/** The columns a patch sets (a key present with `undefined` clears its column, as `null` does). */
export function patchColumns(patch: RunPatch): Updateable<RunsTable> {
  const set: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[PlainPatchKey, string]>) {
    if (key in patch) set[column] = patch[key] ?? null;
  }
  if ('stages' in patch) set.stages_json = JSON.stringify(patch.stages ?? []);
  if ('error' in patch) {
    set.error_type = patch.error?.type ?? null;
    set.error_message = patch.error?.message ?? null;
    set.error_stage = patch.error?.stage ?? null;
  }
  return set as Updateable<RunsTable>;
}
