import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getAppStore, openAppStore, resetAppStore } from '@/lib/db/appStore';
import { openStore, type StoreConfig } from '@/lib/db/openStore';
import { startPostgres } from '../support/engines';
import { tempDir } from '../support/webInputs';
import { createPostgresDatabase } from './postgresDatabase';
import { POSTGRES_MISSING } from './storeEngines';

afterEach(async () => {
  await resetAppStore();
  delete process.env.DATABASE_PATH;
});

const base = { orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'upload' as const, inputDir: null };

/** A store with a queued, a running and a finished run, as a previous server process left it. */
async function leftBehind(config: StoreConfig): Promise<void> {
  const before = await openStore(config);
  await before.runs.create({ ...base, id: 'queued' });
  await before.runs.create({ ...base, id: 'running' });
  await before.runs.update('running', { status: 'running', stage: 'CrosstabAgent' });
  await before.runs.create({ ...base, id: 'done' });
  await before.runs.update('done', { status: 'success', outcome: 'success' });
  await before.close();
}

describe('the server’s store (embedded: SQLite at DATABASE_PATH)', () => {
  it('marks runs left queued or running by a previous server process as failed (interrupted)', async () => {
    const file = path.join(tempDir(), 'app.db');
    await leftBehind({ kind: 'sqlite', file });
    process.env.DATABASE_PATH = file;
    const { kind, runs } = await getAppStore();
    expect(kind).toBe('sqlite');
    expect(await runs.get('queued', 'acme')).toMatchObject({ status: 'error', error: { type: 'Interrupted' } });
    expect(await runs.get('running', 'acme')).toMatchObject({ status: 'error', outcome: 'error', error: { type: 'Interrupted', stage: 'CrosstabAgent' } });
    expect((await runs.get('running', 'acme'))?.finishedAt).toEqual(expect.any(Number));
    expect(await runs.get('done', 'acme')).toMatchObject({ status: 'success', error: null });
  });

  it('is opened once per process, and does not touch runs again while it stays open', async () => {
    process.env.DATABASE_PATH = path.join(tempDir(), 'app.db');
    const [first, second] = await Promise.all([getAppStore(), getAppStore()]);
    expect(second).toBe(first);
    await first.runs.create({ ...base, id: 'live' });
    await first.runs.update('live', { status: 'running' });
    expect((await (await getAppStore()).runs.get('live', 'acme'))?.status).toBe('running');
  });

  it('tries again on the next call when opening failed', async () => {
    const dir = tempDir();
    process.env.DATABASE_PATH = dir; // a folder, not a file: cannot be opened
    await expect(getAppStore()).rejects.toThrow();
    process.env.DATABASE_PATH = path.join(dir, 'app.db');
    expect((await getAppStore()).kind).toBe('sqlite');
  });
});

describe.skipIf(POSTGRES_MISSING !== undefined)('a shared Postgres store', () => {
  it('is never swept at open: other processes may be running its runs', async () => {
    const server = await startPostgres();
    try {
      const config: StoreConfig = { kind: 'postgres', url: await createPostgresDatabase(server.url) };
      await leftBehind(config);
      const store = await openAppStore(config);
      try {
        expect((await store.runs.getById('queued'))?.status).toBe('queued');
        expect((await store.runs.getById('running'))?.status).toBe('running');
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
    }
  });
});
