/**
 * The CLI as a whole process on a bundled example, interleaved: Sentry off, on, and on with an endpoint that answers
 * 500 or 429, never answers, or refuses connections. Time to the first stage line, to exit, and the run itself; what
 * lies between the run and the exit is start-up, flush and exit, which a failing endpoint may lengthen by at most the
 * CLI's flush bound.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvelopeServer, refusedPort, type EnvelopeServerMode } from '../../tests/support/envelopeServer';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
/** How long the CLI waits for Sentry before exiting (FLUSH_TIMEOUT_MS in scripts/run-pipeline.ts). */
export const CLI_FLUSH_BOUND_MS = 3000;

/** Sentry off, on (the endpoint accepts everything), or on with a failing endpoint. */
export type CliSentry = 'off' | 'on' | Exclude<EnvelopeServerMode, 'ok'> | 'refused';
const MODES: readonly CliSentry[] = ['off', 'on', '500', '429', 'hang', 'refused'];

export interface CliFigures {
  sentry: CliSentry;
  firstStageMs: number;
  exitMs: number;
  runMs: number;
  /** Exit codes seen over the rounds. */
  exitCodes: Array<number | null>;
}

interface Sample {
  firstStageMs: number;
  exitMs: number;
  runMs: number;
  code: number | null;
}

function once(dir: string, dsn: string): Promise<Sample> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-pipeline.ts', 'examples/brand-tracker', '--out', dir], {
      cwd: ROOT,
      env: { ...process.env, SENTRY_DSN: dsn },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first = 0;
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (first === 0 && d.includes('[1/11]')) first = performance.now() - t0;
    });
    child.on('close', (code) => {
      let runMs = 0;
      try {
        runMs = (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { durationMs?: number }).durationMs ?? 0;
      } catch {
        // keep 0: the figure is then visibly wrong
      }
      resolve({ firstStageMs: first, exitMs: performance.now() - t0, runMs, code });
    });
  });
}

export async function measureCli(rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3)): Promise<CliFigures[]> {
  const servers = new Map<CliSentry, EnvelopeServer>();
  for (const [sentry, mode] of [
    ['on', 'ok'],
    ['500', '500'],
    ['429', '429'],
    ['hang', 'hang'],
  ] as const)
    servers.set(sentry, await EnvelopeServer.start(mode));
  const refused = `http://public@127.0.0.1:${await refusedPort()}/1`;
  const dsnOf = (sentry: CliSentry): string => (sentry === 'off' ? '' : sentry === 'refused' ? refused : servers.get(sentry)!.dsn());
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-bench-cli-'));
  const samples = new Map<CliSentry, Sample[]>(MODES.map((m) => [m, []]));
  try {
    for (let i = 0; i < rounds; i += 1) for (const sentry of MODES) samples.get(sentry)!.push(await once(path.join(tmp, `${sentry}-${i}`), dsnOf(sentry)));
  } finally {
    for (const server of servers.values()) await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return MODES.map((sentry) => {
    const s = samples.get(sentry)!;
    return {
      sentry,
      firstStageMs: median(s.map((x) => x.firstStageMs)),
      exitMs: median(s.map((x) => x.exitMs)),
      runMs: median(s.map((x) => x.runMs)),
      exitCodes: [...new Set(s.map((x) => x.code))],
    };
  });
}
