import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

/**
 * Bring the store's schema up to date with Kysely's Migrator; returns the names of the migrations applied now. Safe
 * when several processes start at once: on Postgres the Migrator holds an advisory lock while it migrates, on SQLite
 * the migration runs in one `BEGIN IMMEDIATE` transaction (see sqliteStore.ts). Throws if a migration fails.
 */
export async function migrateToLatest(db: Kysely<Database>, provider: MigrationProvider = migrationProvider): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
