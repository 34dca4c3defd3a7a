import Database from 'better-sqlite3';

/**
 * The schema that SQLite files had before the store moved to Kysely's migrations: the hand-rolled migrator's
 * `schema_migrations` table and its migration 1, word for word.
 */
const LEGACY_SQL = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL
  );
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
`;

/** Write a SQLite file as the previous code made it (WAL, schema, migration 1 recorded), with one user and two runs. */
export function writeLegacyDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    db.exec(LEGACY_SQL);
    db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (1, ?, ?)').run('init', 1_700_000_000_000);
    db.prepare("INSERT INTO users VALUES ('u1', 'acme', 'ana@acme.test', 'analyst', 1700000000000)").run();
    db.prepare(
      `INSERT INTO runs (id, org_id, user_id, dataset, input_kind, status, outcome, progress, stages_json, created_at, started_at,
         finished_at, duration_ms, table_count, canonical_line)
       VALUES ('done', 'acme', 'u1', 'wave 3', 'upload', 'success', 'success', 1, '[{"name":"validation","status":"ok"}]',
         1700000000000, 1700000000100, 1700000090100, 90000, 12, '{"kind":"pipeline.run"}')`,
    ).run();
    db.prepare(
      "INSERT INTO runs (id, org_id, user_id, dataset, input_kind, status, stage, created_at) VALUES ('left', 'acme', 'u1', 'w4', 'example', 'running', 'CrosstabAgent', 1700000100000)",
    ).run();
  })();
  db.close();
}
