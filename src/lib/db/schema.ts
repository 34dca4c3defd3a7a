import type { ColumnType, Generated } from 'kysely';
import type { RunOutcome } from '@/lib/core/types';
import type { RunStatus } from './RunRecord';

/** An epoch-milliseconds time: INTEGER on SQLite, BIGINT on Postgres (read back as a number on both). */
export type EpochMs = number;

/** A column the database fills when an insert leaves it out, and that updates may change. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** The `runs` table: one row per run, its progress, outcome and (distributed mode) its current attempt and lease. */
export interface RunsTable {
  id: string;
  org_id: string;
  user_id: string;
  dataset: string;
  input_kind: 'upload' | 'example';
  input_dir: string | null;
  status: RunStatus;
  outcome: RunOutcome | null;
  stage: string | null;
  progress: Defaulted<number>;
  /** The stages as shown to the user, as a JSON array. */
  stages_json: Defaulted<string>;
  created_at: EpochMs;
  started_at: EpochMs | null;
  finished_at: EpochMs | null;
  duration_ms: number | null;
  table_count: number | null;
  output_dir: string | null;
  workbook_path: string | null;
  tables_path: string | null;
  error_type: string | null;
  error_message: string | null;
  error_stage: string | null;
  canonical_line: string | null;
  /** How many times a worker has started the run (0 while it has never started). */
  attempt: Generated<number>;
  /** Who runs the current attempt. */
  worker: string | null;
  /** Until when the current attempt's worker is known to be alive. */
  lease_expires_at: EpochMs | null;
}

/** The `users` table: each user belongs to one org; an email is unique across orgs. */
export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  role: 'admin' | 'analyst' | 'viewer';
  created_at: EpochMs;
}

/** The app store's schema, the same on SQLite and Postgres. */
export interface Database {
  runs: RunsTable;
  users: UsersTable;
}
