import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalLine } from '@/lib/observability';
import { EnvelopeServer, refusedPort, type EnvelopeServerMode, type ReceivedSpan } from '../support/envelopeServer';
import { parseLine } from '../pipeline/pipelineHarness';
import { REPO, runCli, singleStdoutLine, type CliResult } from './cliHarness';

/** How long the CLI waits for Sentry before exiting (scripts/run-pipeline.ts). */
const CLI_FLUSH_BOUND_MS = 3000;
/** Scheduling noise between two runs on a loaded 2-core machine, on top of the flush bound. */
const NOISE_SLACK_MS = 8000;
const WALL_LIMIT_MS = 30_000;
const BRAND = path.join(REPO, 'examples/brand-tracker');

type Mode = 'off' | 'off-2' | EnvelopeServerMode | 'refused';
/** Each wave has its own Sentry-off run, so a run's timing is compared with one made under the same load. */
const WAVES: Mode[][] = [
  ['off', 'ok', '500'],
  ['off-2', '429', 'hang', 'refused'],
];
const baselineOf = (mode: Mode): Mode => (WAVES[0]!.includes(mode) ? 'off' : 'off-2');

let tmp: string;
const servers = new Map<Mode, EnvelopeServer>();
const runs = new Map<Mode, { result: CliResult; line: CanonicalLine }>();

function opOf(span: ReceivedSpan): unknown {
  const attributes = span.attributes as Record<string, { value: unknown } | undefined> | undefined;
  return attributes?.['sentry.op']?.value ?? span.op;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-sentry-'));
  for (const mode of ['ok', '500', '429', 'hang'] as const) servers.set(mode, await EnvelopeServer.start(mode));
  const refused = await refusedPort();
  const dsnFor = (mode: Mode): string | undefined =>
    mode === 'off' || mode === 'off-2' ? undefined : mode === 'refused' ? `http://public@127.0.0.1:${refused}/1` : servers.get(mode)!.dsn();
  // Two small waves of processes (each with its own endpoint) rather than all at once, to keep the load of a 2-core machine moderate.
  for (const wave of WAVES) {
    await Promise.all(
      wave.map(async (mode) => {
        const dsn = dsnFor(mode);
        const result = await runCli([BRAND, '--out', path.join(tmp, mode), '--run-id', `sentry-${mode}`], {
          env: dsn ? { SENTRY_DSN: dsn } : {},
          timeoutMs: 90_000,
        });
        expect(result.timedOut, `${mode} run finished`).toBe(false);
        runs.set(mode, { result, line: parseLine(singleStdoutLine(result.stdout)) });
      }),
    );
  }
}, 180_000);

afterAll(async () => {
  for (const server of servers.values()) await server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('CLI with Sentry on (local envelope endpoint)', () => {
  it('mode ok: one event in the trace of the line, with tags and the whole wide event readable in contexts', async () => {
    const server = servers.get('ok')!;
    const { result, line } = runs.get('ok')!;
    expect(result.code, result.stderr).toBe(0);
    expect(line.outcome).toBe('success');
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    // The CLI flushed before exiting: everything is already here (the wait only covers request handling).
    await server.waitFor(() => server.events().length >= 1 && server.spans().length >= 1 + line.stages.length + line.totals.agentCalls, 5000);

    const events = server.events();
    expect(events).toHaveLength(1);
    const event = events[0] as Record<string, unknown> & { tags: Record<string, string>; contexts: Record<string, Record<string, unknown>> };
    expect(event.contexts.trace?.trace_id).toBe(line.traceId);
    expect(event.tags).toMatchObject({ pipeline_id: line.pipelineId, dataset: line.dataset, outcome: line.outcome });
    expect(event.level).toBe('info');

    const payload = JSON.stringify(server.eventItems().map((i) => i.payload));
    expect(payload).not.toContain('[Object]');
    expect(payload).not.toContain('[Array]');
    const ctx = event.contexts;
    expect(ctx.pipeline_run).toMatchObject({ pipelineId: line.pipelineId, outcome: 'success', traceId: line.traceId, schemaVersion: 4 });
    expect(ctx.pipeline_totals).toEqual(line.totals);
    for (const [agent, rollup] of Object.entries(line.agents)) expect(ctx.pipeline_agents?.[agent]).toEqual(rollup);
    for (const stage of line.stages) expect(ctx.pipeline_stages?.[stage.name]).toMatchObject({ status: stage.status, durationMs: stage.durationMs });
  });

  it('mode ok: one pipeline.run root span, a span per stage and a gen_ai span per agent call, all in one trace', () => {
    const server = servers.get('ok')!;
    const { line } = runs.get('ok')!;
    const spans = server.spans();
    expect(new Set(spans.map((s) => s.trace_id))).toEqual(new Set([line.traceId]));
    const roots = spans.filter((s) => s.name === 'pipeline.run');
    expect(roots).toHaveLength(1);
    const stageSpans = spans.filter((s) => opOf(s) === 'pipeline.stage');
    expect(stageSpans.map((s) => s.name).sort()).toEqual(line.stages.map((s) => s.name).sort());
    expect(stageSpans.every((s) => s.parent_span_id === roots[0]!.span_id)).toBe(true);
    const genAi = spans.filter((s) => opOf(s) === 'gen_ai.chat');
    expect(genAi).toHaveLength(line.totals.agentCalls);
    expect(line.totals.agentCalls).toBeGreaterThan(25);
  });

  it('mode ok: an agent breadcrumb per call and no breadcrumb carrying the canonical line', () => {
    const server = servers.get('ok')!;
    const { line } = runs.get('ok')!;
    const crumbs = (server.events()[0]!.breadcrumbs as Array<{ category?: string; message?: string; data?: unknown }> | undefined) ?? [];
    expect(crumbs.filter((b) => b.category === 'agent')).toHaveLength(line.totals.agentCalls);
    const carriesLine = crumbs.filter((b) => JSON.stringify(b).includes('pipeline.run') && b.category !== 'agent');
    expect(carriesLine).toEqual([]);
    expect(crumbs.filter((b) => b.category === 'console' && JSON.stringify(b).includes(line.pipelineId))).toEqual([]);
  });

  for (const mode of ['500', '429', 'hang', 'refused'] as const) {
    it(`mode ${mode}: same exit code and line as with Sentry off, and the process exits within the flush bound`, () => {
      const off = runs.get('off')!;
      const { result, line } = runs.get(mode)!;
      const server = servers.get(mode);
      if (server) expect(server.requests, 'the SDK did try to deliver').toBeGreaterThan(0);
      expect(result.code, result.stderr).toBe(off.result.code);
      expect(result.code).toBe(0);
      expect(line.outcome).toBe(off.line.outcome);
      expect(line.totals.tableCount).toBe(off.line.totals.tableCount);
      expect(line.totals.agentCalls).toBe(off.line.totals.agentCalls);
      expect(line.stages.map((s) => [s.name, s.status]).sort()).toEqual(off.line.stages.map((s) => [s.name, s.status]).sort());
      expect(Object.fromEntries(Object.entries(line.agents).map(([a, r]) => [a, r.calls]))).toEqual(
        Object.fromEntries(Object.entries(off.line.agents).map(([a, r]) => [a, r.calls])),
      );
      expect(
        Object.keys(line)
          .filter((k) => k !== 'traceId')
          .sort(),
      ).toEqual(Object.keys(off.line).sort());
      expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(off.line.traceId).toBeUndefined();
      expect(result.stderr).not.toContain('    at ');
      // Time outside the run itself (start-up, flush, exit) exceeds the Sentry-off run's by at most the flush bound.
      const sameLoad = runs.get(baselineOf(mode))!;
      const overhead = result.wallMs - line.durationMs;
      const offOverhead = sameLoad.result.wallMs - sameLoad.line.durationMs;
      expect(overhead).toBeLessThan(offOverhead + CLI_FLUSH_BOUND_MS + NOISE_SLACK_MS);
      expect(result.wallMs).toBeLessThan(WALL_LIMIT_MS);
    });
  }
});
