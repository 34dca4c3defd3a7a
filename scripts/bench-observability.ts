/**
 * Observability benchmark: `npm run bench:observability`.
 * Prints, for a run with many agent calls, the cost of recording a call, the size of what Sentry receives,
 * and how long the bounded flush takes against a healthy, a hanging and a refused endpoint.
 * Each mode runs in its own process (the Sentry SDK is initialised once per process).
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readEnv } from '@/lib/env';
import { flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import type { AgentName } from '@/lib/core/types';
import { EnvelopeServer, refusedPort } from '../tests/support/envelopeServer';

type Mode = 'off' | 'ok' | 'hang' | 'refused';
const MODES: Mode[] = ['off', 'ok', 'hang', 'refused'];
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const FLUSH_BOUND_MS = 3000;
const AGENTS: AgentName[] = ['BannerAgent', 'CrosstabAgent', 'VerificationAgent', 'SkipLogicAgent', 'FilterTranslatorAgent'];

interface Figures {
  mode: Mode;
  calls: number;
  recordUsPerCall: number;
  finishMs: number;
  lineBytes: number;
  eventBytes: number | null;
  eventGzipBytes: number | null;
  spansReceived: number | null;
  flushMs: number;
}

async function measure(mode: Mode): Promise<Figures> {
  const server = mode === 'ok' || mode === 'hang' ? await EnvelopeServer.start(mode) : null;
  const dsn = server ? server.dsn() : mode === 'refused' ? `http://public@127.0.0.1:${await refusedPort()}/1` : undefined;
  await initObservability(readEnv({ NODE_ENV: 'production', ...(dsn ? { SENTRY_DSN: dsn } : {}) }));

  const { sink, lines } = memoryLineSink();
  const obs = startRunObservability({ pipelineId: `bench-${mode}`, dataset: 'bench', source: 'cli', sink, warn: () => {} });
  let recordNs = 0n;
  await obs.run(() =>
    obs.stage('VerificationAgent', async () => {
      const base = Date.now();
      for (let i = 0; i < CALLS; i += 1) {
        const agentName = AGENTS[i % AGENTS.length]!;
        const call = {
          agentName, model: 'gpt-4o-mini', provider: 'openai', task: `table ${i}`,
          inputTokens: 1200, outputTokens: 300, cachedInputTokens: 200, reasoningTokens: 0,
          startTime: base + i, endTime: base + i + 40, durationMs: 40, costUsd: 0.00036, priceSource: 'bench', status: 'ok' as const,
        };
        const t = process.hrtime.bigint();
        getAgentMetrics().record(call);
        recordNs += process.hrtime.bigint() - t;
      }
    }),
  );
  const f0 = performance.now();
  obs.finish('success');
  const finishMs = performance.now() - f0;
  const t0 = performance.now();
  await flushObservability(FLUSH_BOUND_MS);
  const flushMs = performance.now() - t0;

  let eventBytes: number | null = null;
  let eventGzipBytes: number | null = null;
  let spansReceived: number | null = null;
  if (server && mode === 'ok') {
    await server.waitFor(() => server.events().length > 0, 5000).catch(() => {});
    const event = server.events()[0];
    if (event) {
      const json = JSON.stringify(event);
      eventBytes = Buffer.byteLength(json);
      eventGzipBytes = gzipSync(json).length;
    }
    spansReceived = server.spans().length;
  }
  await server?.close();
  return {
    mode, calls: CALLS, recordUsPerCall: Number(recordNs) / 1000 / CALLS, finishMs, lineBytes: Buffer.byteLength(lines[0] ?? ''),
    eventBytes, eventGzipBytes, spansReceived, flushMs,
  };
}

function fmt(n: number | null, digits = 0): string {
  return n === null ? '—' : n.toFixed(digits);
}

async function main(): Promise<void> {
  const child = process.argv[2] as Mode | undefined;
  if (child) {
    process.stdout.write(JSON.stringify(await measure(child)) + '\n');
    process.exit(0);
  }
  const rows: Figures[] = [];
  for (const mode of MODES) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, ['--import', 'tsx', __filename, mode], { encoding: 'utf8', timeout: 120_000 });
    const last = res.stdout.trim().split('\n').at(-1) ?? '';
    try {
      rows.push(JSON.parse(last) as Figures);
    } catch {
      process.stderr.write(`mode ${mode} failed (${Math.round(performance.now() - t0)} ms):\n${res.stderr}\n`);
    }
  }
  console.log(`Observability benchmark: one run with ${CALLS} agent calls, flush bound ${FLUSH_BOUND_MS} ms\n`);
  console.log('mode     record µs/call  finish ms  line bytes  event bytes  event gzip  spans recv  flush ms');
  for (const r of rows) {
    console.log(
      `${r.mode.padEnd(8)} ${fmt(r.recordUsPerCall, 2).padStart(14)} ${fmt(r.finishMs, 1).padStart(10)} ${fmt(r.lineBytes).padStart(11)} ${fmt(r.eventBytes).padStart(12)} ${fmt(r.eventGzipBytes).padStart(11)} ${fmt(r.spansReceived).padStart(11)} ${fmt(r.flushMs).padStart(9)}`,
    );
  }
  console.log('\nSentry limits: event ≤ 1,000,000 bytes uncompressed and ≤ 200,000 bytes compressed.');
}

void main();
