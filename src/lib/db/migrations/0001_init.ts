import type { Kysely, Migration } from 'kysely';
import { oneOf } from './oneOf';

/**
 * Users (one org each) and run records. Every statement is `if not exists`, so a SQLite file created before this
 * migration set existed (same tables and indexes) opens unchanged, with its runs.
 */
export const migration0001Init: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey().notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ['admin', 'analyst', 'viewer'])))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_org').ifNotExists().on('users').column('org_id').execute();

    await db.schema
      .createTable('runs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey().notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('dataset', 'text', (c) => c.notNull())
      .addColumn('input_kind', 'text', (c) => c.notNull().check(oneOf('input_kind', ['upload', 'example'])))
      .addColumn('input_dir', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['queued', 'running', 'success', 'error', 'cancelled'])))
      .addColumn('outcome', 'text', (c) => c.check(oneOf('outcome', ['success', 'error', 'cancelled', 'partial'])))
      .addColumn('stage', 'text')
      .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('stages_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('duration_ms', 'bigint')
      .addColumn('table_count', 'integer')
      .addColumn('output_dir', 'text')
      .addColumn('workbook_path', 'text')
      .addColumn('tables_path', 'text')
      .addColumn('error_type', 'text')
      .addColumn('error_message', 'text')
      .addColumn('error_stage', 'text')
      .addColumn('canonical_line', 'text')
      .execute();
    await db.schema.createIndex('runs_org_created').ifNotExists().on('runs').columns(['org_id', 'created_at desc']).execute();
    await db.schema.createIndex('runs_status').ifNotExists().on('runs').column('status').execute();
  },
};
