/**
 * Server memory under hostile uploads: `npm run build && npm run bench:server-memory`.
 * Starts `next start` on the current production build with a fresh database (MAX_CONCURRENT_RUNS 2), uploads pairs of
 * ZLIB bombs at once (a few KB each, holding millions of cases; within the input limits, so they run to their end) and
 * samples the resident memory of the server's process group every 100 ms until both runs end. Prints the peak for each
 * pair with the memory budget on (RUN_MEMORY_BUDGET_MB, default) and off (a budget so large that both run side by side).
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { api, waitForRun } from '../tests/e2e/api';
import { createUser, startServer } from '../tests/e2e/server';
import { repeatedCodes, savBytes } from '../tests/support/savBytes';

const MIB = 1024 * 1024;

/** Resident memory of every process in the group, in MiB (the server and anything it started). */
function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended between listing and reading
    }
  }
  return kib / 1024;
}

/** The process group of whatever listens on the port. */
function listenerGroup(port: string): number {
  const pid = Number(/pid=(\d+)/.exec(execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: 'utf8' }))?.[1]);
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);
}

const bomb = (cases: number, declared: boolean) =>
  savBytes({ variables: 1, declaredCases: declared ? cases : -1, codes: repeatedCodes(cases, 1), compression: 'zlib' });

const PAIRS: Array<{ name: string; files: Buffer[] }> = [
  { name: '2 × 24.9M cases (just under SAV_MAX_CELLS)', files: [bomb(24_900_000, true), bomb(24_900_000, true)] },
  { name: '16.8M cases + 30M cases, no case count', files: [bomb(16_800_000, true), bomb(30_000_000, false)] },
];

async function measure(files: Buffer[], env: Record<string, string>): Promise<{ idleMiB: number; peakMiB: number; ms: number; outcomes: string[] }> {
  const server = await startServer({ MAX_CONCURRENT_RUNS: '2', ...env });
  try {
    const pgid = listenerGroup(new URL(server.baseUrl).port);
    const user = createUser(server.env, 'bench', 'bench@bench.test');
    const idleMiB = groupRssMiB(pgid);
    let peakMiB = idleMiB;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, groupRssMiB(pgid))), 100);
    const started = performance.now();
    const ids = await Promise.all(
      files.map(async (bytes, i) => {
        const form = new FormData();
        form.set('dataFile', new Blob([new Uint8Array(bytes)]), `bomb-${i}.sav`);
        const res = await api(server.baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form });
        return ((await res.json()) as { runId: string }).runId;
      }),
    );
    const runs = await Promise.all(ids.map((id) => waitForRun(server.baseUrl, user.token, id)));
    clearInterval(sampler);
    const outcomes = runs.map((r) => `${r?.status ?? 'unknown'}${r?.error ? ` (${r.error.type})` : ''}`);
    return { idleMiB, peakMiB, ms: performance.now() - started, outcomes };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log('Peak resident memory of `next start` (its whole process group) while two bombs run, MAX_CONCURRENT_RUNS=2\n');
  console.log(`${'uploads'.padEnd(46)}${'budget'.padEnd(22)}${'idle MiB'.padStart(9)}${'peak MiB'.padStart(10)}${'s'.padStart(7)}   outcomes`);
  for (const pair of PAIRS) {
    for (const [label, env] of [
      ['default (768 MiB)', {}],
      ['off (1 TiB)', { RUN_MEMORY_BUDGET_MB: String((1024 * 1024 * MIB) / MIB) }],
    ] as const) {
      const m = await measure(pair.files, env);
      console.log(
        `${pair.name.padEnd(46)}${label.padEnd(22)}${m.idleMiB.toFixed(0).padStart(9)}${m.peakMiB.toFixed(0).padStart(10)}${(m.ms / 1000).toFixed(1).padStart(7)}   ${m.outcomes.join(', ')}`,
      );
    }
  }
}

void main();
