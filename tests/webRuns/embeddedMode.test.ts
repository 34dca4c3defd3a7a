import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..');

describe('the embedded mode (no DATABASE_URL, no REDIS_URL)', () => {
  it('runs an upload in the server process on SQLite without loading the queue library, the Redis client or the Postgres client', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crosstab-embedded-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers', 'embeddedChild.ts')], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATABASE_PATH: path.join(dir, 'crosstab.db'),
        OUTPUT_ROOT: path.join(dir, 'outputs'),
        UPLOAD_ROOT: path.join(dir, 'uploads'),
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{"status"'))
        .at(-1) ?? '{}',
    ) as Record<string, unknown>;
    expect(report).toEqual({ status: 'success', bullmq: false, ioredis: false, pg: false, betterSqlite3: true });
  }, 150_000);
});
