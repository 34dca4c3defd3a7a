import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { flushObservability, initObservability } from '@/lib/observability';
import { EnvelopeServer } from '../support/envelopeServer';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { attr, opOf, runEvent, traceSpans } from './helpers/received';
import { simulateRun } from './helpers/simulateRun';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

describe('concurrent runs in one process', () => {
  it('each run gets exactly its own agent calls, breadcrumbs, tags, user and trace', async () => {
    const specs = [
      { pipelineId: 'run-A', model: 'model-a', callsPerStage: 3, orgId: 'org-a', userId: 'user-a' },
      { pipelineId: 'run-B', model: 'model-b', callsPerStage: 5, orgId: 'org-b', userId: 'user-b' },
      { pipelineId: 'run-C', model: 'model-c', callsPerStage: 1, orgId: 'org-c', userId: 'user-c' },
    ];
    const runs = await Promise.all(specs.map((s) => simulateRun(s)));
    const lines = runs.map((r) => parseCanonicalLine(r.line));
    expect(new Set(lines.map((l) => l.traceId)).size).toBe(3);
    await flushObservability(5000);
    await server.waitFor(() =>
      lines.every((l) => runEvent(server, l.pipelineId) !== undefined && traceSpans(server, l.traceId!).length >= 1 + l.totals.stages + l.totals.agentCalls),
    );

    specs.forEach((spec, i) => {
      const line = lines[i]!;
      const expectedCalls = spec.callsPerStage * 3;
      // The canonical line and the metrics collector each saw exactly this run's calls.
      expect(line.totals.agentCalls).toBe(expectedCalls);
      expect(Object.values(line.agents).every((a) => a.models === spec.model)).toBe(true);

      const event = runEvent(server, spec.pipelineId) as Record<string, unknown> & {
        tags: Record<string, string>;
        contexts: Record<string, Record<string, unknown>>;
      };
      expect(event.tags).toMatchObject({ pipeline_id: spec.pipelineId, org_id: spec.orgId, outcome: 'success' });
      expect(event.user).toEqual({ id: spec.userId });
      expect(event.contexts.trace?.trace_id).toBe(line.traceId);
      const crumbs = (event.breadcrumbs as Array<{ category?: string; data?: { model?: string } }>).filter((b) => b.category === 'agent');
      expect(crumbs).toHaveLength(expectedCalls);
      expect(crumbs.every((b) => b.data?.model === spec.model)).toBe(true);

      const spans = traceSpans(server, line.traceId!);
      const genAi = spans.filter((s) => opOf(s) === 'gen_ai.chat');
      expect(genAi).toHaveLength(expectedCalls);
      expect(genAi.every((s) => attr(s, 'gen_ai.request.model') === spec.model)).toBe(true);
      expect(spans.filter((s) => opOf(s) === 'pipeline.stage')).toHaveLength(line.totals.stages);
    });
    // No span of any run leaked into another run's trace.
    const allGenAi = server.spans().filter((s) => opOf(s) === 'gen_ai.chat');
    expect(allGenAi).toHaveLength(specs.reduce((n, s) => n + s.callsPerStage * 3, 0));
  });
});
