import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { getAppStore, resetAppStore } from '@/lib/db/appStore';
import { GET as getEvents } from '@/app/api/runs/[id]/events/route';
import { getOrchestrator, resetOrchestrator } from '@/lib/webRuns/orchestratorInstance';
import { signToken } from '@/lib/auth/token';
import { TEST_SECRET, tempDir } from '../support/webInputs';

interface SseMessage {
  event: string;
  data: { type?: string; status?: string; finished?: boolean; error?: { type: string } | null; canonicalLine?: string | null };
}

async function readAll(res: Response): Promise<SseMessage[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as SseMessage['data'] };
    });
}

describe('GET /api/runs/<id>/events', () => {
  afterEach(async () => {
    resetOrchestrator();
    await resetAppStore();
    vi.unstubAllEnvs();
  });

  async function setup() {
    const dir = tempDir();
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('DATABASE_PATH', path.join(dir, 'app.db'));
    vi.stubEnv('OUTPUT_ROOT', path.join(dir, 'outputs'));
    vi.stubEnv('AUTH_SECRET', TEST_SECRET);
    const { runs, users } = await getAppStore();
    const user = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
    const token = await signToken({ userId: user.id, orgId: 'acme', email: user.email, role: 'analyst' }, TEST_SECRET);
    const request = (id: string) =>
      getEvents(new Request(`http://app.test/api/runs/${id}/events`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
    return { runs, user, request, dir };
  }

  it('sends the record of a finished run once and ends the stream', async () => {
    const { runs, user, request } = await setup();
    await runs.create({ id: 'done', orgId: 'acme', userId: user.id, dataset: 'ds', inputKind: 'example', inputDir: null });
    await runs.update('done', { status: 'success', outcome: 'success', finishedAt: 5 });
    const res = await request('done');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toContain('no-transform');
    expect(await readAll(res)).toEqual([{ event: 'run', data: expect.objectContaining({ status: 'success', finished: true }) }]);
  });

  it('streams a live run’s record and pipeline events until it ends, then closes', async () => {
    const { runs, user, request, dir } = await setup();
    await runs.create({ id: 'live', orgId: 'acme', userId: user.id, dataset: 'missing', inputKind: 'upload', inputDir: null });
    const res = await request('live');
    const done = (await getOrchestrator()).runPipelineFromUpload({
      runId: 'live',
      orgId: 'acme',
      userId: user.id,
      inputs: { datasetName: 'missing', savPath: path.join(dir, 'no-such-file.sav') },
    });
    const messages = await readAll(res);
    await expect(done).resolves.toMatchObject({ status: 'error' });
    expect(messages[0]).toEqual({ event: 'run', data: expect.objectContaining({ status: 'queued' }) });
    expect(messages.some((m) => m.event === 'run' && m.data.status === 'running')).toBe(true);
    expect(messages.some((m) => m.event === 'pipeline' && m.data.type === 'stage:start')).toBe(true);
    const last = messages.at(-1)!;
    expect(last).toEqual({ event: 'run', data: expect.objectContaining({ status: 'error', finished: true }) });
    expect(last.data.error?.type).toBe('PipelineInputError');
    expect(JSON.parse(last.data.canonicalLine!)).toMatchObject({ kind: 'pipeline.run', pipelineId: 'live', source: 'web', orgId: 'acme', outcome: 'error' });
  });

  it('answers 404 for another org’s run', async () => {
    const { runs, request } = await setup();
    await runs.create({ id: 'theirs', orgId: 'globex', userId: 'u9', dataset: 'ds', inputKind: 'example', inputDir: null });
    expect((await request('theirs')).status).toBe(404);
  });
});
