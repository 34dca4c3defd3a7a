/** The CLI as a whole process on a bundled example, Sentry off and on (interleaved): time to the first stage line, to exit, and the run itself. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CliFigures {
  sentry: 'off' | 'on';
  firstStageMs: number;
  exitMs: number;
  runMs: number;
}

function once(dir: string, dsn: string): Promise<{ firstStageMs: number; exitMs: number; runMs: number }> {
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
    child.on('close', () => {
      let runMs = 0;
      try {
        runMs = (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { durationMs?: number }).durationMs ?? 0;
      } catch {
        // keep 0: the figure is then visibly wrong
      }
      resolve({ firstStageMs: first, exitMs: performance.now() - t0, runMs });
    });
  });
}

export async function measureCli(rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 3)): Promise<CliFigures[]> {
  const server = await EnvelopeServer.start('ok');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-bench-cli-'));
  const samples: Record<'off' | 'on', Array<{ firstStageMs: number; exitMs: number; runMs: number }>> = { off: [], on: [] };
  try {
    for (let i = 0; i < rounds; i += 1) {
      samples.off.push(await once(path.join(tmp, `off-${i}`), ''));
      samples.on.push(await once(path.join(tmp, `on-${i}`), server.dsn()));
    }
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return (['off', 'on'] as const).map((sentry) => ({
    sentry,
    firstStageMs: median(samples[sentry].map((s) => s.firstStageMs)),
    exitMs: median(samples[sentry].map((s) => s.exitMs)),
    runMs: median(samples[sentry].map((s) => s.runMs)),
  }));
}
