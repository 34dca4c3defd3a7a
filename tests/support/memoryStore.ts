import { openStore, type AppStore } from '@/lib/db/openStore';

/** A fresh store on a private in-memory SQLite database (the embedded engine), migrated like a real one. */
export function memoryStore(): Promise<AppStore> {
  return openStore({ kind: 'sqlite', file: ':memory:' });
}
