import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GEN_AI_CONVERSATION_ID,
  GEN_AI_OPERATION_NAME,
  GEN_AI_AGENT_NAME,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
} from '@sentry/conventions/attributes';
import { GEN_AI_CHAT, GEN_AI_INVOKE_AGENT } from '@sentry/conventions/op';
import { readEnv } from '@/lib/env';
import { resetModelProvider, setModelProvider } from '@/lib/llm';
import { flushObservability, initObservability, memoryLineSink, startRunObservability, type CanonicalLine } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { EnvelopeServer, type ReceivedSpan } from '../support/envelopeServer';
import { EXAMPLES, TrackingProvider, captureCanonicalLines, parseLine } from '../pipeline/pipelineHarness';
import { attr, opOf, runEvent, traceSpans } from './helpers/received';
import { agentCall } from './helpers/agentCall';
import { getAgentMetrics } from '@/lib/observability';

let server: EnvelopeServer;
let tmp: string;
const lines = captureCanonicalLines();

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-invoke-'));
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  resetModelProvider();
  await Sentry.close(2000);
  await server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Run the pipeline on an example with Sentry on; the canonical line and every span of its trace once delivered. */
async function tracedRun(example: string, runId: string): Promise<{ line: CanonicalLine; spans: ReceivedSpan[] }> {
  await runPipeline({ inputs: { datasetDir: path.join(EXAMPLES, example) }, outputDir: path.join(tmp, runId), runId, source: 'cli', lineSink: lines.sink });
  const line = parseLine(lines.byRun(runId)[0]);
  expect(await flushObservability(5000)).toBe(true);
  await server.waitFor(
    () => runEvent(server, runId) !== undefined && traceSpans(server, line.traceId!).filter((s) => opOf(s) === GEN_AI_CHAT).length >= line.totals.agentCalls,
    10_000,
  );
  return { line, spans: traceSpans(server, line.traceId!) };
}

const num = (s: ReceivedSpan, key: string): number => Number(attr(s, key) ?? NaN);

describe("Sentry's AI Agents views: an invoke_agent span per agent invocation", () => {
  it('brand-tracker: one invoke_agent span per invocation, parent of its chat spans, its usage the sum of theirs, the run as the conversation', async () => {
    const { line, spans } = await tracedRun('brand-tracker', 'invoke-brand');
    const invocations = spans.filter((s) => opOf(s) === GEN_AI_INVOKE_AGENT);
    const chats = spans.filter((s) => opOf(s) === GEN_AI_CHAT);
    const stageSpans = new Map(spans.filter((s) => opOf(s) === 'pipeline.stage').map((s) => [s.span_id, s]));

    // One invocation per unit of each agent's work (one model request each in this app), per agent.
    const perAgent = (list: ReceivedSpan[]) =>
      list.reduce<Record<string, number>>(
        (acc, s) => ({ ...acc, [String(attr(s, GEN_AI_AGENT_NAME))]: (acc[String(attr(s, GEN_AI_AGENT_NAME))] ?? 0) + 1 }),
        {},
      );
    expect(perAgent(invocations)).toEqual(Object.fromEntries(Object.entries(line.agents).map(([a, r]) => [a, r.calls])));
    for (const inv of invocations) {
      expect(inv.name).toBe(`invoke_agent ${String(attr(inv, GEN_AI_AGENT_NAME))}`);
      expect(attr(inv, GEN_AI_OPERATION_NAME)).toBe('invoke_agent');
      expect(stageSpans.has(inv.parent_span_id!), 'an invocation is a child of its stage span').toBe(true);
      const own = chats.filter((c) => c.parent_span_id === inv.span_id);
      expect(own.length).toBeGreaterThan(0);
      for (const key of [GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_TOTAL_TOKENS]) {
        expect(num(inv, key), key).toBe(own.reduce((n, c) => n + num(c, key), 0));
      }
    }
    for (const chat of chats) {
      const parent = invocations.find((i) => i.span_id === chat.parent_span_id);
      expect(parent, 'every chat span has an invoke_agent parent').toBeDefined();
      expect(attr(parent!, GEN_AI_AGENT_NAME)).toBe(attr(chat, GEN_AI_AGENT_NAME));
    }
    for (const s of [...invocations, ...chats]) expect(attr(s, GEN_AI_CONVERSATION_ID)).toBe(line.pipelineId);
    // Token totals of the spans are the line's.
    expect(invocations.reduce((n, s) => n + num(s, GEN_AI_USAGE_INPUT_TOKENS), 0)).toBe(line.totals.inputTokens);
  });

  it('a failed invocation has error status', async () => {
    setModelProvider(new TrackingProvider(undefined, new Set(['VerificationAgent'])));
    try {
      const { line, spans } = await tracedRun('employee-pulse', 'invoke-failing');
      expect(line.outcome).toBe('partial');
      const failed = spans.filter((s) => opOf(s) === GEN_AI_INVOKE_AGENT && attr(s, GEN_AI_AGENT_NAME) === 'VerificationAgent');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((s) => s.status === 'error')).toBe(true);
      const ok = spans.filter((s) => opOf(s) === GEN_AI_INVOKE_AGENT && attr(s, GEN_AI_AGENT_NAME) !== 'VerificationAgent');
      expect(ok.every((s) => s.status === 'ok')).toBe(true);
    } finally {
      resetModelProvider();
    }
  });

  it('the per-run span bound counts invoke_agent spans with their chat spans', async () => {
    const { sink, lines: out } = memoryLineSink();
    const obs = startRunObservability({ runId: 'invoke-bound', dataset: 'demo', source: 'cli', sinks: [sink], maxAgentSpans: 3 });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        for (let i = 0; i < 10; i += 1) getAgentMetrics().record(agentCall({ agentName: 'VerificationAgent', task: `t${i}` }));
      }),
    );
    const line = parseLine(obs.finish({ outcome: 'success' }));
    expect(out).toHaveLength(1);
    expect(line.agentSpansTruncated).toEqual({ total: 10, kept: 3 });
    expect(await flushObservability(5000)).toBe(true);
    await server.waitFor(() => runEvent(server, 'invoke-bound') !== undefined && traceSpans(server, line.traceId!).some((s) => opOf(s) === 'pipeline.run'));
    const spans = traceSpans(server, line.traceId!);
    expect(spans.filter((s) => opOf(s) === GEN_AI_INVOKE_AGENT)).toHaveLength(3);
    expect(spans.filter((s) => opOf(s) === GEN_AI_CHAT)).toHaveLength(3);
  });
});
