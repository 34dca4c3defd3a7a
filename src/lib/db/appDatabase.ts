import type Database from 'better-sqlite3';
import { getWebSettings } from '@/lib/settings/webSettings';
import { openDatabase } from './openDatabase';
import { RunStore } from './runStore';
import { UserStore } from './userStore';
import { operatorLog } from '@/lib/logging/operatorLog';
import { processWide } from '@/lib/core/processWide';

/** The server's database handle and its stores. */
export interface AppDatabase {
  db: Database.Database;
  runs: RunStore;
  users: UserStore;
}

const carrier = processWide('appDb', () => ({}) as { appDb?: AppDatabase });

/**
 * The web server's database (DATABASE_PATH), opened once per process. On first open, runs left queued
 * or running by a previous server process are marked failed: nothing in this process can be running them.
 */
export function getAppDatabase(): AppDatabase {
  if (!carrier.appDb) {
    const db = openDatabase(getWebSettings().DATABASE_PATH);
    const app: AppDatabase = { db, runs: new RunStore(db), users: new UserStore(db) };
    const interrupted = app.runs.failInterrupted();
    if (interrupted > 0) operatorLog('db', `marked ${interrupted} interrupted run(s) as failed after restart`);
    carrier.appDb = app;
  }
  return carrier.appDb;
}

/** Close and forget the process database (tests). */
export function resetAppDatabase(): void {
  carrier.appDb?.db.close();
  delete carrier.appDb;
}
