import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Where the store lives: a SQLite file (embedded mode) or a Postgres database (distributed mode). */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The Kysely database of a config, not yet migrated; each engine's driver is loaded only when that engine is chosen. */
export async function openStoreDatabase(config: StoreConfig): Promise<Kysely<Database>> {
  if (config.kind === 'postgres') {
    const { openPostgresKysely } = await import('./postgresKysely');
    return openPostgresKysely(config.url);
  }
  const { openSqliteKysely } = await import('./sqliteKysely');
  return openSqliteKysely(config.file);
}
