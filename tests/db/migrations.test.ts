import path from 'node:path';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql, type Kysely, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '@/lib/db/migrate';
import { MIGRATIONS } from '@/lib/db/migrations';
import { openStore } from '@/lib/db/openStore';
import type { Database as StoreSchema } from '@/lib/db/schema';
import { openStoreDatabase, type StoreConfig } from '@/lib/db/storeDatabase';
import { tempDir } from '../support/webInputs';
import { describeEachEngine } from './storeEngines';
import { writeLegacyDatabase } from './legacySchema';

const ALL = Object.keys(MIGRATIONS);

/** Run `body` on a Kysely database of `config` (not migrated by opening), then close it. */
async function withDatabase<T>(config: StoreConfig, body: (db: Kysely<StoreSchema>) => Promise<T>): Promise<T> {
  const db = await openStoreDatabase(config);
  try {
    return await body(db);
  } finally {
    await db.destroy();
  }
}

const recorded = async (db: Kysely<StoreSchema>) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
const tables = async (db: Kysely<StoreSchema>) => (await db.introspection.getTables()).map((t) => t.name).sort();

describeEachEngine('migrations', (stores) => {
  it('applies every migration once on a fresh database, and nothing when it is opened again', async () => {
    const config = await stores.freshConfig();
    await withDatabase(config, async (db) => {
      expect(await migrateToLatest(db)).toEqual(ALL);
      expect(await recorded(db)).toEqual(ALL);
      expect(await tables(db)).toEqual(['runs', 'users']);
      const runColumns = (await db.introspection.getTables()).find((t) => t.name === 'runs')!.columns.map((c) => c.name);
      expect(runColumns).toEqual(expect.arrayContaining(['attempt', 'worker', 'lease_expires_at', 'stages_json', 'canonical_line']));
    });
    const store = await stores.open(config);
    await store.runs.create({ id: 'r1', orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'upload', inputDir: null });
    await withDatabase(config, async (db) => {
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await recorded(db)).toEqual(ALL);
    });
    expect((await store.runs.getById('r1'))?.status).toBe('queued');
  });

  it('rolls a failing migration back whole and records nothing of it', async () => {
    const config = await stores.freshConfig();
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute();
        await db.schema.createTable('runs').addColumn('id', 'text').execute(); // exists already: fails
      },
    };
    await withDatabase(config, async (db) => {
      await migrateToLatest(db);
      const provider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS, '0099_broken': broken }) };
      await expect(migrateToLatest(db, provider)).rejects.toThrow(/0099_broken failed/);
      expect(await tables(db)).toEqual(['runs', 'users']);
      expect(await recorded(db)).toEqual(ALL);
    });
  });
});

describe('a SQLite file made before the Kysely migrations', () => {
  it('opens unchanged, with its users and runs, and gains the new columns', async () => {
    const file = path.join(tempDir('crosstab-legacy-'), 'crosstab.db');
    writeLegacyDatabase(file);
    const store = await openStore({ kind: 'sqlite', file });
    try {
      expect(await store.users.findByEmail('ana@acme.test')).toEqual({
        id: 'u1',
        orgId: 'acme',
        email: 'ana@acme.test',
        role: 'analyst',
        createdAt: 1_700_000_000_000,
      });
      expect(await store.runs.list('acme')).toEqual([
        expect.objectContaining({ id: 'left', status: 'running', stage: 'CrosstabAgent', attempt: 0, worker: null, leaseExpiresAt: null }),
        {
          id: 'done',
          orgId: 'acme',
          userId: 'u1',
          dataset: 'wave 3',
          inputKind: 'upload',
          inputDir: null,
          status: 'success',
          outcome: 'success',
          stage: null,
          progress: 1,
          stages: [{ name: 'validation', status: 'ok' }],
          createdAt: 1_700_000_000_000,
          startedAt: 1_700_000_000_100,
          finishedAt: 1_700_000_090_100,
          durationMs: 90_000,
          tableCount: 12,
          outputDir: null,
          workbookPath: null,
          tablesPath: null,
          error: null,
          canonicalLine: '{"kind":"pipeline.run"}',
          attempt: 0,
          worker: null,
          leaseExpiresAt: null,
        },
      ]);
      expect(await store.runs.startAttempt('left', 'w', 1000, 5)).toBeNull();
      await expect(store.runs.update('done', { status: 'done' as never })).rejects.toThrow(/CHECK constraint/);
    } finally {
      await store.close();
    }
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT id, name FROM schema_migrations').all()).toEqual([{ id: 1, name: 'init' }]);
    expect(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual(ALL.map((name) => ({ name })));
    raw.close();
  });

  it('is created with its folder on first open', async () => {
    const file = path.join(tempDir('crosstab-legacy-'), 'nested', 'deeper', 'app.db');
    const store = await openStore({ kind: 'sqlite', file });
    await store.close();
    expect(existsSync(file)).toBe(true);
  });
});
