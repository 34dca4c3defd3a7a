import type Database from 'better-sqlite3';
import type { RunRecord, RunStageState, RunStatus } from './RunRecord';

interface RunRow {
  id: string;
  org_id: string;
  user_id: string;
  dataset: string;
  input_kind: 'upload' | 'example';
  input_dir: string | null;
  status: RunStatus;
  outcome: RunRecord['outcome'];
  stage: string | null;
  progress: number;
  stages_json: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  table_count: number | null;
  output_dir: string | null;
  workbook_path: string | null;
  tables_path: string | null;
  error_type: string | null;
  error_message: string | null;
  error_stage: string | null;
  canonical_line: string | null;
}

/** Fields that may change after a run is created. */
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

function toRecord(row: RunRow): RunRecord {
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
  };
}

const PATCH_COLUMNS: Record<Exclude<keyof RunPatch, 'error' | 'stages'>, string> = {
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
};

/** Run records: create, read (always scoped to an org), update, and restart recovery. */
export class RunStore {
  constructor(private readonly db: Database.Database) {}

  /** Insert a new run in status `queued`. */
  create(run: NewRun): RunRecord {
    this.db
      .prepare(
        `INSERT INTO runs (id, org_id, user_id, dataset, input_kind, input_dir, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      )
      .run(run.id, run.orgId, run.userId, run.dataset, run.inputKind, run.inputDir, run.createdAt ?? Date.now());
    const created = this.getById(run.id);
    if (!created) throw new Error(`Run ${run.id} was not stored`);
    return created;
  }

  /** The run with this id if it belongs to `orgId`; null otherwise (another org's run is indistinguishable from a missing one). */
  get(id: string, orgId: string): RunRecord | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ? AND org_id = ?').get(id, orgId) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The run with this id regardless of org (server-internal use only). */
  getById(id: string): RunRecord | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The org's runs, newest first. */
  list(orgId: string, limit = 200): RunRecord[] {
    const rows = this.db.prepare('SELECT * FROM runs WHERE org_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(orgId, limit) as RunRow[];
    return rows.map(toRecord);
  }

  /** Apply a partial update; returns the updated record (null if the run does not exist). */
  update(id: string, patch: RunPatch): RunRecord | null {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof typeof PATCH_COLUMNS, string]>) {
      if (key in patch) {
        sets.push(`${column} = ?`);
        values.push(patch[key] ?? null);
      }
    }
    if ('stages' in patch) {
      sets.push('stages_json = ?');
      values.push(JSON.stringify(patch.stages ?? []));
    }
    if ('error' in patch) {
      sets.push('error_type = ?', 'error_message = ?', 'error_stage = ?');
      values.push(patch.error?.type ?? null, patch.error?.message ?? null, patch.error?.stage ?? null);
    }
    if (sets.length > 0) this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    return this.getById(id);
  }

  /** Mark every run still queued or running as failed (interrupted); returns how many were marked. Call once when a server process starts. */
  failInterrupted(now = Date.now()): number {
    const result = this.db
      .prepare(
        `UPDATE runs SET status = 'error', outcome = 'error', finished_at = ?,
           error_type = 'Interrupted', error_message = 'The server restarted while this run was in progress.',
           error_stage = stage
         WHERE status IN ('queued', 'running')`,
      )
      .run(now);
    return result.changes;
  }
}
