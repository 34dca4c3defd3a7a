/**
 * Signal benchmark: `npm run bench:signals` (needs pspp for the large survey).
 * Runs the CLI on a 30,000 × 300 survey (CPU-bound stages) and prints, for SIGTERM, SIGINT, SIGHUP and a double Ctrl-C sent
 * while a given stage runs, the time from the (first) signal to the process's exit, its exit code and the number of
 * canonical lines printed (always 1). Medians of 3 processes per case.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWideSav } from '../tests/e2e/wideDataset';

const ROUNDS = 3;
const ROOT = path.resolve(__dirname, '..');

interface Case {
  name: string;
  stage: string;
  signals: NodeJS.Signals[];
}

const CASES: Case[] = [
  { name: 'SIGTERM in validation (reading cases)', stage: 'validation', signals: ['SIGTERM'] },
  { name: 'SIGTERM in TableGenerator', stage: 'TableGenerator', signals: ['SIGTERM'] },
  { name: 'SIGTERM in CrosstabComputation', stage: 'CrosstabComputation', signals: ['SIGTERM'] },
  { name: 'SIGINT in VerificationAgent', stage: 'VerificationAgent', signals: ['SIGINT'] },
  { name: 'SIGHUP in CrosstabComputation', stage: 'CrosstabComputation', signals: ['SIGHUP'] },
  { name: 'double Ctrl-C in CrosstabComputation', stage: 'CrosstabComputation', signals: ['SIGINT', 'SIGINT'] },
];

function once(dataset: string, out: string, c: Case): Promise<{ ms: number; code: number | null; lines: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-pipeline.ts', dataset, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SENTRY_DSN: '' },
    });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (sentAt === 0 && stderr.includes(`] ${c.stage} …`)) {
        sentAt = performance.now();
        c.signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * 1100));
      }
    });
    child.on('close', (code) =>
      resolve({ ms: Math.round(performance.now() - sentAt), code, lines: stdout.split('\n').filter((l) => l.startsWith('{')).length }),
    );
  });
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-bench-signals-'));
  try {
    const dataset = path.join(tmp, 'wide');
    mkdirSync(dataset);
    const sav = writeWideSav(path.join(tmp, 'fixture'));
    symlinkSync(sav, path.join(dataset, 'wide-survey.sav'));
    console.log(`signal → exit on a 30,000 × 300 survey, median of ${ROUNDS} processes`);
    console.log(`${'case'.padEnd(40)} ${'ms'.padStart(6)} ${'exit'.padStart(5)} ${'lines'.padStart(6)}`);
    let n = 0;
    for (const c of CASES) {
      const runs = [];
      for (let i = 0; i < ROUNDS; i += 1) runs.push(await once(dataset, path.join(tmp, `out-${n++}`), c));
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
      console.log(
        `${c.name.padEnd(40)} ${String(ms).padStart(6)} ${[...new Set(runs.map((r) => r.code))].join('/').padStart(5)} ${[...new Set(runs.map((r) => r.lines))].join('/').padStart(6)}`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
