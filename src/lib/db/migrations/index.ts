import type { Migration, MigrationProvider } from 'kysely';
import { migration0001Init } from './0001_init';
import { migration0002RunAttempts } from './0002_run_attempts';

/**
 * Every migration of the app store, by name; Kysely's Migrator applies them in name order. Append new ones with the
 * next number; never edit or rename one that has been applied.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_init': migration0001Init,
  '0002_run_attempts': migration0002RunAttempts,
};

/** The migrations as a Kysely provider, in code (a bundler keeps them; no folder is read at run time). */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
