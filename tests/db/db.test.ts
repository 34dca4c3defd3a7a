import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '@/lib/db/openDatabase';
import { migrate } from '@/lib/db/migrate';
import { MIGRATIONS } from '@/lib/db/migrations';
import { RunStore } from '@/lib/db/runStore';
import { getAppDatabase, resetAppDatabase } from '@/lib/db/appDatabase';
import { tempDir } from '../support/webInputs';

afterEach(() => {
  resetAppDatabase();
  delete process.env.DATABASE_PATH;
});

describe('database and migrations', () => {
  it('creates the file and its folder on first open and records each migration once', () => {
    const file = path.join(tempDir(), 'nested', 'app.db');
    const db = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    const applied = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
    expect(migrate(db)).toEqual([]);
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    reopened.close();
  });

  it('applies a new migration on top of an existing database, and rolls back a failing one', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, [...MIGRATIONS, { id: 99, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }])).toEqual([99]);
    expect(() => migrate(db, [{ id: 100, name: 'broken', sql: 'CREATE TABLE ok_part (x INTEGER); SELECT * FROM missing_table;' }])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_part'").get()).toBeUndefined();
    expect(db.prepare('SELECT id FROM schema_migrations WHERE id = 100').get()).toBeUndefined();
  });
});

describe('RunStore', () => {
  const store = () => new RunStore(openDatabase(':memory:'));
  const base = { userId: 'u1', dataset: 'ds', inputKind: 'upload' as const, inputDir: null };

  it('reads a run only within its own org', () => {
    const runs = store();
    runs.create({ ...base, id: 'r1', orgId: 'acme' });
    expect(runs.get('r1', 'acme')?.status).toBe('queued');
    expect(runs.get('r1', 'globex')).toBeNull();
    expect(runs.list('globex')).toEqual([]);
  });

  it('lists an org’s runs newest first', () => {
    const runs = store();
    runs.create({ ...base, id: 'old', orgId: 'acme', createdAt: 1000 });
    runs.create({ ...base, id: 'new', orgId: 'acme', createdAt: 3000 });
    runs.create({ ...base, id: 'mid', orgId: 'acme', createdAt: 2000 });
    runs.create({ ...base, id: 'theirs', orgId: 'globex', createdAt: 4000 });
    expect(runs.list('acme').map((r) => r.id)).toEqual(['new', 'mid', 'old']);
  });

  it('stores progress, stages, timings, outputs and the error summary', () => {
    const runs = store();
    runs.create({ ...base, id: 'r1', orgId: 'acme' });
    const updated = runs.update('r1', {
      status: 'error',
      outcome: 'error',
      stage: 'BannerAgent',
      progress: 0.25,
      stages: [{ name: 'validation', status: 'ok', durationMs: 12 }],
      startedAt: 10,
      finishedAt: 30,
      durationMs: 20,
      outputDir: '/out/r1',
      error: { type: 'PipelineInputError', message: 'bad banner', stage: 'BannerAgent' },
      canonicalLine: '{"kind":"pipeline.run"}',
    });
    expect(updated).toMatchObject({
      status: 'error',
      stage: 'BannerAgent',
      progress: 0.25,
      stages: [{ name: 'validation', status: 'ok', durationMs: 12 }],
      durationMs: 20,
      outputDir: '/out/r1',
      error: { type: 'PipelineInputError', message: 'bad banner', stage: 'BannerAgent' },
      canonicalLine: '{"kind":"pipeline.run"}',
    });
    expect(runs.update('r1', { error: null })?.error).toBeNull();
  });

  it('rejects a status outside the lifecycle', () => {
    const runs = store();
    runs.create({ ...base, id: 'r1', orgId: 'acme' });
    expect(() => runs.update('r1', { status: 'done' as never })).toThrow(/CHECK/);
  });
});

describe('restart recovery', () => {
  it('marks runs left queued or running by a previous server process as failed (interrupted)', () => {
    const file = path.join(tempDir(), 'app.db');
    const before = new RunStore(openDatabase(file));
    const base = { orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'upload' as const, inputDir: null };
    before.create({ ...base, id: 'queued' });
    before.create({ ...base, id: 'running' });
    before.update('running', { status: 'running', stage: 'CrosstabAgent' });
    before.create({ ...base, id: 'done' });
    before.update('done', { status: 'success', outcome: 'success' });

    process.env.DATABASE_PATH = file;
    const { runs } = getAppDatabase();
    expect(runs.get('queued', 'acme')).toMatchObject({ status: 'error', error: { type: 'Interrupted' } });
    expect(runs.get('running', 'acme')).toMatchObject({ status: 'error', outcome: 'error', error: { type: 'Interrupted', stage: 'CrosstabAgent' } });
    expect(runs.get('running', 'acme')?.finishedAt).toEqual(expect.any(Number));
    expect(runs.get('done', 'acme')).toMatchObject({ status: 'success', error: null });
  });

  it('does not touch runs again while the same process keeps the database open', () => {
    const file = path.join(tempDir(), 'app.db');
    process.env.DATABASE_PATH = file;
    const { runs } = getAppDatabase();
    runs.create({ id: 'live', orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'upload', inputDir: null });
    runs.update('live', { status: 'running' });
    expect(getAppDatabase().runs.get('live', 'acme')?.status).toBe('running');
  });
});
