import type { Kysely, Migration } from 'kysely';

/** Attempts and leases of a run, for workers in other processes: which attempt runs it, by whom, until when. */
export const migration0002RunAttempts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One column per statement: SQLite adds a single column per ALTER TABLE.
    await db.schema
      .alterTable('runs')
      .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('runs').addColumn('worker', 'text').execute();
    await db.schema.alterTable('runs').addColumn('lease_expires_at', 'bigint').execute();
  },
};
