import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '@/lib/db/migrations';
import { openStoreDatabase } from '@/lib/db/storeDatabase';
import { describeEachEngine } from './storeEngines';
import { openFromProcesses } from './helpers/storeChildren';

describeEachEngine('processes opening a fresh store at the same moment', (stores) => {
  const processes = stores.kind === 'postgres' ? 4 : 2;

  it(`${processes} processes all open it; the schema is made once and each migration recorded once`, async () => {
    const config = await stores.freshConfig();
    const results = await openFromProcesses(config, processes);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, report: { runs: expect.any(Number) } });
    const db = await openStoreDatabase(config);
    try {
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      expect(recorded.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      expect((await db.introspection.getTables()).map((t) => t.name).sort()).toEqual(['runs', 'users']);
      expect((await db.selectFrom('runs').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(results.map((_, i) => `run-${i}`));
    } finally {
      await db.destroy();
    }
  });

  it(`loads only its own engine's driver (${stores.kind === 'sqlite' ? 'never pg' : 'never better-sqlite3'})`, async () => {
    const [result] = await openFromProcesses(await stores.freshConfig(), 1);
    expect(result, result?.stderr).toMatchObject({ code: 0, report: { pg: stores.kind === 'postgres', betterSqlite3: stores.kind === 'sqlite' } });
  });
});
