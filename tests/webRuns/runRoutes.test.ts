import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getAppStore, resetAppStore } from '@/lib/db/appStore';
import { GET as listRuns } from '@/app/api/runs/route';
import { GET as getTables } from '@/app/api/runs/[id]/tables/route';
import { GET as getTable } from '@/app/api/runs/[id]/tables/[index]/route';
import { GET as getLine } from '@/app/api/runs/[id]/line/route';
import { GET as getRun } from '@/app/api/runs/[id]/route';
import { parseTablePaging, TABLE_PAGE_MAX } from '@/lib/webRuns/tableIndex';
import { signToken } from '@/lib/auth/token';
import type { CrosstabTable } from '@/lib/core/types';
import { TEST_SECRET, tempDir } from '../support/webInputs';
import { sampleLine } from '../support/sampleLine';

const table = (i: number): CrosstabTable => ({
  tableId: `q${i}`,
  title: `Q${i}: statement ${i}`,
  baseLabel: 'All respondents',
  columns: [{ id: 'total', label: 'Total', group: 'Total', letter: '' }],
  bases: [10],
  unweightedBases: [10],
  rows: [{ id: 'r1', label: 'Agree', isNet: false, cells: [{ count: 5, percent: 50 }] }] as CrosstabTable['rows'],
  lowValue: i % 2 === 0,
});

afterEach(async () => {
  await resetAppStore();
  vi.unstubAllEnvs();
});

async function setup(tableCount = 302) {
  const dir = tempDir();
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'app.db'));
  vi.stubEnv('AUTH_SECRET', TEST_SECRET);
  const { runs, users } = await getAppStore();
  const user = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
  const token = await signToken({ userId: user.id, orgId: 'acme', email: user.email, role: 'analyst' }, TEST_SECRET);
  const tablesPath = path.join(dir, 'tables.json');
  writeFileSync(tablesPath, JSON.stringify({ meta: {}, tables: Array.from({ length: tableCount }, (_, i) => table(i)) }));
  const line = JSON.stringify(sampleLine());
  await runs.create({ id: 'big', orgId: 'acme', userId: user.id, dataset: 'wide survey', inputKind: 'upload', inputDir: null });
  await runs.update('big', { status: 'success', outcome: 'success', finishedAt: 5, tablesPath, tableCount, canonicalLine: line });
  await runs.create({ id: 'theirs', orgId: 'globex', userId: 'u9', dataset: 'ds', inputKind: 'example', inputDir: null });
  await runs.update('theirs', { status: 'success', outcome: 'success', finishedAt: 5, tablesPath, canonicalLine: line });
  const req = (url: string) => new Request(`http://app.test${url}`, { headers: { authorization: `Bearer ${token}` } });
  const params = <T>(p: T) => ({ params: Promise.resolve(p) });
  return { req, params, line };
}

describe('tables of a large run, a page at a time', () => {
  it('answers the index page by page (titles and sizes, no cells) and one table on demand', async () => {
    const { req, params } = await setup();
    const first = await getTables(req('/api/runs/big/tables?offset=0&limit=50'), params({ id: 'big' }));
    expect(first.status).toBe(200);
    const page = (await first.json()) as { total: number; offset: number; limit: number; tables: Array<Record<string, unknown>> };
    expect(page).toMatchObject({ total: 302, offset: 0, limit: 50 });
    expect(page.tables).toHaveLength(50);
    expect(page.tables[1]).toEqual({
      index: 1,
      tableId: 'q1',
      title: 'Q1: statement 1',
      baseLabel: 'All respondents',
      lowValue: false,
      rowCount: 1,
      columnCount: 1,
    });
    const last = (await (await getTables(req('/api/runs/big/tables?offset=300&limit=50'), params({ id: 'big' }))).json()) as typeof page;
    expect(last.tables.map((t) => t.index)).toEqual([300, 301]);

    const one = await getTable(req('/api/runs/big/tables/301'), params({ id: 'big', index: '301' }));
    expect(await one.json()).toEqual(table(301));
    for (const index of ['302', '-1', 'q1', '1e2']) {
      expect((await getTable(req(`/api/runs/big/tables/${index}`), params({ id: 'big', index }))).status, index).toBe(404);
    }
  });

  it('keeps the whole list for callers without a query, and refuses bad paging', async () => {
    const { req, params } = await setup(3);
    expect(await (await getTables(req('/api/runs/big/tables'), params({ id: 'big' }))).json()).toEqual([table(0), table(1), table(2)]);
    for (const q of ['offset=-1', 'offset=x', 'limit=0', `limit=${TABLE_PAGE_MAX + 1}`]) {
      const res = await getTables(req(`/api/runs/big/tables?${q}`), params({ id: 'big' }));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_query');
    }
    expect(parseTablePaging(new URLSearchParams('limit=10'))).toEqual({ offset: 0, limit: 10 });
    expect(parseTablePaging(new URLSearchParams('offset=20'))).toEqual({ offset: 20, limit: 50 });
  });

  it('answers 404 for another org’s run on every new route', async () => {
    const { req, params } = await setup(3);
    expect((await getTables(req('/api/runs/theirs/tables?offset=0'), params({ id: 'theirs' }))).status).toBe(404);
    expect((await getTable(req('/api/runs/theirs/tables/0'), params({ id: 'theirs', index: '0' }))).status).toBe(404);
    expect((await getLine(req('/api/runs/theirs/line'), params({ id: 'theirs' }))).status).toBe(404);
  });
});

describe('the canonical line and the run summary', () => {
  it('downloads the finished run’s line as one JSON line, and links it from the run', async () => {
    const { req, params, line } = await setup(1);
    const res = await getLine(req('/api/runs/big/line'), params({ id: 'big' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wide_survey-big.canonical.jsonl"');
    expect(await res.text()).toBe(`${line}\n`);
    const run = (await (await getRun(req('/api/runs/big'), params({ id: 'big' }))).json()) as { outputs: { line: string }; summary: unknown };
    expect(run.outputs.line).toBe('/api/runs/big/line');
    expect(run.summary).toMatchObject({ agentCalls: 42, totalTokens: 10240, warnings: 12 });
  });

  it('has no line to download before the run finishes', async () => {
    const { req, params } = await setup(1);
    await (await getAppStore()).runs.create({ id: 'live', orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example', inputDir: null });
    expect((await getLine(req('/api/runs/live/line'), params({ id: 'live' }))).status).toBe(404);
  });

  it('lists runs with their summaries, without the canonical lines when asked for the summary view', async () => {
    const { req } = await setup(1);
    const full = (await (await listRuns(req('/api/runs'))).json()) as { runs: Array<Record<string, unknown>> };
    expect(full.runs.map((r) => r.id)).toEqual(['big']);
    expect(typeof full.runs[0]!.canonicalLine).toBe('string');
    const light = (await (await listRuns(req('/api/runs?view=summary'))).json()) as { runs: Array<Record<string, unknown>> };
    expect(light.runs[0]).not.toHaveProperty('canonicalLine');
    expect(light.runs[0]).toMatchObject({ id: 'big', summary: { agentCalls: 42, costUsd: 0.2512, costComplete: false } });
  });
});
