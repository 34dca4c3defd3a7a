import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { EventBus } from '@/lib/events/EventBus';
import { PipelineOrchestrator } from '@/lib/webRuns/pipelineOrchestrator';
import { flushObservability, initObservability, memoryLineSink } from '@/lib/observability';
import { EnvelopeServer } from '../support/envelopeServer';
import { tempDir } from '../support/webInputs';
import { observedRunner } from './helpers/observedRunner';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { attr, opOf, runEvent, traceSpans } from './helpers/received';
import { memoryStore } from '../support/memoryStore';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

type Crumb = { category?: string; message?: string; timestamp?: number; data?: Record<string, unknown> };

describe('queued web runs', () => {
  it('each of 20 runs (two orgs, limit 2) starts from a fresh scope: only its own breadcrumbs, user, org and trace, linked to its request', async () => {
    const { runs } = await memoryStore();
    const { sink, lines } = memoryLineSink();
    const runner = observedRunner({ callsPerStage: 2, sink });
    const orchestrator = new PipelineOrchestrator({ runPipeline: runner, runs, bus: new EventBus(), maxConcurrent: 2, outputRoot: tempDir(), lineSink: sink });
    const ids = Array.from({ length: 20 }, (_, i) => `queued-${i}`);
    const orgOf = (i: number) => (i % 2 === 0 ? 'org-even' : 'org-odd');
    const requestSpans = new Map<string, { traceId: string; spanId: string }>();
    // When each upload arrived: its breadcrumb must carry this time, not the later start of its queued run.
    const receivedAt = (i: number) => Date.UTC(2026, 0, 1, 9, 0, i);
    for (const [i, id] of ids.entries()) {
      await runs.create({ id, orgId: orgOf(i), userId: `user-${orgOf(i)}`, dataset: id, inputKind: 'example', inputDir: null });
    }

    // Each upload is its own request: its own isolation scope (as the HTTP integration makes), user, org tag,
    // a request span and the upload handler's breadcrumb; the run is queued from inside it.
    const finished = ids.map((id, i) =>
      Sentry.withIsolationScope((scope) => {
        scope.setUser({ id: `user-${orgOf(i)}` });
        scope.setTag('org_id', orgOf(i));
        return Sentry.startSpan({ name: `POST /api/process-crosstab ${id}`, op: 'http.server', forceTransaction: true }, (span) => {
          requestSpans.set(id, { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
          Sentry.addBreadcrumb({ category: 'agent', message: 'UploadHandler: execution', data: { dataset: id } });
          return orchestrator.runPipelineFromUpload({
            runId: id,
            orgId: orgOf(i),
            userId: `user-${orgOf(i)}`,
            inputs: { datasetName: id, savPath: '/x.sav' },
            upload: { dataset: id, fileCount: 1, bytes: 10, kind: 'example', receivedAt: receivedAt(i) },
          });
        });
      }),
    );
    const records = await Promise.all(finished);
    expect(records.map((r) => r?.status)).toEqual(ids.map(() => 'success'));
    expect(lines).toHaveLength(20);
    const byId = new Map(lines.map((text) => parseCanonicalLine(text)).map((l) => [l.pipelineId, l]));
    expect(await flushObservability(5000)).toBe(true);
    await server.waitFor(() => ids.every((id) => runEvent(server, id) !== undefined), 10_000);

    ids.forEach((id, i) => {
      const line = byId.get(id)!;
      const events = server.events().filter((e) => (e.tags as Record<string, string>).pipeline_id === id);
      expect(events, id).toHaveLength(1);
      const event = events[0] as Record<string, unknown> & {
        tags: Record<string, string>;
        contexts: Record<string, Record<string, unknown>>;
        breadcrumbs?: Crumb[];
      };
      expect(event.tags.org_id).toBe(orgOf(i));
      expect(event.user).toEqual({ id: `user-${orgOf(i)}` });
      expect(event.contexts.trace?.trace_id).toBe(line.traceId);
      const crumbs = event.breadcrumbs ?? [];
      const uploads = crumbs.filter((b) => b.message === 'UploadHandler: execution');
      expect(
        uploads.map((b) => b.data?.dataset),
        `${id} upload breadcrumbs`,
      ).toEqual([id]);
      expect(uploads.map((b) => b.timestamp)).toEqual([receivedAt(i) / 1000]);
      expect(crumbs.filter((b) => b.category === 'agent' && b.message !== 'UploadHandler: execution').length).toBe(line.totals.agentCalls);

      // The request published the run (a queue.publish span under the request's span), the queue processed it in the
      // same trace (queue.process), and the run is its own trace, linked to the publish span.
      const request = requestSpans.get(id)!;
      expect(line.traceId).not.toBe(request.traceId);
      const inRequest = traceSpans(server, request.traceId).filter((s) => attr(s, 'messaging.message.id') === id);
      const publish = inRequest.find((s) => opOf(s) === 'queue.publish')!;
      expect(publish, `${id} queue.publish`).toBeDefined();
      expect(publish.parent_span_id).toBe(request.spanId);
      const processed = inRequest.find((s) => opOf(s) === 'queue.process')!;
      expect(processed, `${id} queue.process`).toBeDefined();
      expect([attr(processed, 'messaging.system'), attr(processed, 'messaging.destination.name'), attr(processed, 'messaging.message.retry.count')]).toEqual([
        'memory',
        'crosstab-runs',
        0,
      ]);
      expect(attr(processed, 'messaging.message.receive.latency')).toBeTypeOf('number');
      const root = traceSpans(server, line.traceId!).find((s) => opOf(s) === 'pipeline.run')!;
      expect(root).toBeDefined();
      const links = (root.links as Array<{ trace_id: string; span_id: string }> | undefined) ?? [];
      expect(links.map((l) => [l.trace_id, l.span_id])).toEqual([[request.traceId, publish.span_id]]);
    });
  }, 60_000);
});
