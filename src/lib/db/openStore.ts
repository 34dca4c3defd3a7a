import { migrateToLatest } from './migrate';
import { RunStore } from './runStore';
import { openStoreDatabase, type StoreConfig } from './storeDatabase';
import { UserStore } from './userStore';

export type { StoreConfig } from './storeDatabase';

/** The app's store: run records and users, on either engine, behind the same async API. */
export interface AppStore {
  kind: StoreConfig['kind'];
  runs: RunStore;
  users: UserStore;
  /** Close the database (the SQLite file, or the Postgres pool). */
  close(): Promise<void>;
}

/**
 * Open the store and bring its schema up to date (safe when several processes open it at once). Embedded mode never
 * loads the Postgres driver, and Postgres mode never loads SQLite's.
 */
export async function openStore(config: StoreConfig): Promise<AppStore> {
  const db = await openStoreDatabase(config);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { kind: config.kind, runs: new RunStore(db), users: new UserStore(db), close: () => db.destroy() };
}
