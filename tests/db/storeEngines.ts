import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openStore, type AppStore, type StoreConfig } from '@/lib/db/openStore';
import { enginesMissing, startPostgres, type Engine } from '../support/engines';
import { tempDir } from '../support/webInputs';
import { createPostgresDatabase } from './postgresDatabase';

/** Why the Postgres half of the store tests cannot run here (undefined when it can); throws under CROSSTAB_REQUIRE_ENGINES=1. */
export const POSTGRES_MISSING = enginesMissing();
if (POSTGRES_MISSING) console.log(`store tests on Postgres skipped: ${POSTGRES_MISSING}`);

/** The store's engines. */
export type EngineKind = StoreConfig['kind'];
const ENGINE_KINDS: EngineKind[] = ['sqlite', 'postgres'];

/** Fresh stores on one engine for the tests of a describe block; every store opened is closed after its test. */
export interface EngineStores {
  kind: EngineKind;
  /** A config naming a database of its own that no one has opened yet (a new SQLite file, a new Postgres database). */
  freshConfig(): Promise<StoreConfig>;
  /** Open a store on `config` (e.g. a second one on the same database). */
  open(config: StoreConfig): Promise<AppStore>;
  /** A store on a fresh database. */
  fresh(): Promise<AppStore>;
}

/** Register the hooks of one engine in the current describe block (a Postgres server for the block, started once). */
function engineStores(kind: EngineKind): EngineStores {
  let server: Engine | undefined;
  const opened: AppStore[] = [];
  if (kind === 'postgres') {
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => server?.stop());
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const freshConfig = async (): Promise<StoreConfig> =>
    kind === 'postgres' ? { kind, url: await createPostgresDatabase(server!.url) } : { kind, file: path.join(tempDir('crosstab-store-'), 'app.db') };
  const open = async (config: StoreConfig) => {
    const store = await openStore(config);
    opened.push(store);
    return store;
  };
  return { kind, freshConfig, open, fresh: async () => open(await freshConfig()) };
}

/** The same tests on SQLite and on a real Postgres (the Postgres half skipped, with one line saying why, when it is missing). */
export function describeEachEngine(title: string, body: (stores: EngineStores) => void): void {
  describe.each(ENGINE_KINDS)(`${title} (%s)`, (kind) => {
    describe.skipIf(kind === 'postgres' && POSTGRES_MISSING !== undefined)(`on ${kind}`, () => body(engineStores(kind)));
  });
}
