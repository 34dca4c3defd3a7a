import { getDistributedSettings } from '@/lib/settings/distributedSettings';
import { getWebSettings } from '@/lib/settings/webSettings';
import { operatorLog } from '@/lib/logging/operatorLog';
import { processWide } from '@/lib/core/processWide';
import { openStore, type AppStore, type StoreConfig } from './openStore';

const carrier = processWide('appStore', () => ({}) as { store?: Promise<AppStore> });

/** The store the settings name: Postgres at DATABASE_URL in the distributed mode, else the SQLite file at DATABASE_PATH. */
export function appStoreConfig(): StoreConfig {
  const { deployment } = getDistributedSettings();
  if (deployment.mode === 'distributed') return { kind: 'postgres', url: deployment.databaseUrl };
  return { kind: 'sqlite', file: getWebSettings().DATABASE_PATH };
}

/**
 * Open the store and, in embedded mode (SQLite), mark the runs left queued or running by a previous server process
 * as failed: nothing in this process can be running them. A shared Postgres store is never swept at open (other
 * processes may be running its runs; their leases say when they are gone).
 */
export async function openAppStore(config: StoreConfig): Promise<AppStore> {
  const store = await openStore(config);
  if (store.kind === 'sqlite') {
    try {
      const interrupted = await store.runs.failInterrupted();
      if (interrupted > 0) operatorLog('db', `marked ${interrupted} interrupted run(s) as failed after restart`);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

/** The web server's store, opened once per process (concurrent first callers share the one opening; a failed opening is retried by the next call). */
export function getAppStore(): Promise<AppStore> {
  if (!carrier.store) {
    const opening = openAppStore(appStoreConfig());
    carrier.store = opening;
    opening.catch(() => {
      if (carrier.store === opening) delete carrier.store;
    });
  }
  return carrier.store;
}

/** Close and forget the process store (tests). */
export async function resetAppStore(): Promise<void> {
  const opening = carrier.store;
  delete carrier.store;
  const store = await opening?.catch(() => undefined);
  await store?.close();
}
