import type { Migration } from '../Migration';

/** Users (one org each) and run records. */
export const migration0001Init: Migration = {
  id: 1,
  name: 'init',
  sql: `
    CREATE TABLE users (
      id          TEXT PRIMARY KEY,
      org_id      TEXT NOT NULL,
      email       TEXT NOT NULL UNIQUE,
      role        TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      created_at  INTEGER NOT NULL
    );
    CREATE INDEX users_org ON users (org_id);

    CREATE TABLE runs (
      id              TEXT PRIMARY KEY,
      org_id          TEXT NOT NULL,
      user_id         TEXT NOT NULL,
      dataset         TEXT NOT NULL,
      input_kind      TEXT NOT NULL CHECK (input_kind IN ('upload', 'example')),
      input_dir       TEXT,
      status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'success', 'error', 'cancelled')),
      outcome         TEXT CHECK (outcome IN ('success', 'error', 'cancelled', 'partial')),
      stage           TEXT,
      progress        REAL NOT NULL DEFAULT 0,
      stages_json     TEXT NOT NULL DEFAULT '[]',
      created_at      INTEGER NOT NULL,
      started_at      INTEGER,
      finished_at     INTEGER,
      duration_ms     INTEGER,
      table_count     INTEGER,
      output_dir      TEXT,
      workbook_path   TEXT,
      tables_path     TEXT,
      error_type      TEXT,
      error_message   TEXT,
      error_stage     TEXT,
      canonical_line  TEXT
    );
    CREATE INDEX runs_org_created ON runs (org_id, created_at DESC);
    CREATE INDEX runs_status ON runs (status);
  `,
};
