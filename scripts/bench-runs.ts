/**
 * Reader benchmark: `npm run bench:runs`. Writes, in a temporary folder deleted afterwards, a log of real canonical
 * lines among other output (BENCH_RUNS_MIB, default 500 MiB) and a log holding one huge canonical line
 * (BENCH_LONG_LINE_MIB, default 1024 MiB) among four runs; then runs `list`, `stats` and `show` on each as a process and
 * prints its exit code, wall time and peak resident memory (the process's own `resourceUsage().maxRSS`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { realLine, writeLongLineLog, writeMixedLog } from './bench/runsLogs';

const ROOT = path.resolve(__dirname, '..');
const RUNS_MIB = Number(process.env.BENCH_RUNS_MIB ?? 500);
const LONG_LINE_MIB = Number(process.env.BENCH_LONG_LINE_MIB ?? 1024);

interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  /** Peak RSS in MiB, or undefined when the process died before reporting it. */
  peakMib?: number;
  /** VmHWM last seen in /proc while it ran (MiB): the peak of a process that died. */
  seenMib?: number;
  stdoutBytes: number;
  stderr: string;
}

/** Peak RSS (VmHWM) of a running process from /proc, in MiB. */
function vmHwmMib(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function measure(args: string[]): Promise<Measured> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/reportMaxRss.ts', 'scripts/runs.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stdoutBytes = 0;
  let stderr = '';
  let rss = '';
  let seenMib: number | undefined;
  const poll = setInterval(() => (seenMib = vmHwmMib(child.pid) ?? seenMib), 100);
  child.stdout!.on('data', (c: Buffer) => (stdoutBytes += c.length));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (c: string) => (rss += c));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(poll);
      const kb = Number.parseInt(rss, 10);
      resolve({
        code,
        signal,
        seconds: (performance.now() - started) / 1000,
        peakMib: Number.isFinite(kb) ? kb / 1024 : undefined,
        seenMib,
        stdoutBytes,
        stderr,
      });
    }),
  );
}

function report(log: string, command: string, m: Measured): void {
  const peak = m.peakMib !== undefined ? `${m.peakMib.toFixed(0)} MiB` : `>= ${m.seenMib?.toFixed(0) ?? '?'} MiB (died)`;
  const exit = m.signal ?? String(m.code);
  const firstErr = m.stderr.split('\n').find((l) => l.trim().length > 0) ?? '';
  process.stdout.write(
    `${log.padEnd(10)} ${command.padEnd(6)} exit ${exit.padEnd(4)} ${m.seconds.toFixed(1).padStart(6)} s  peak RSS ${peak.padStart(9)}  stdout ${(m.stdoutBytes / 1024).toFixed(0)} KiB  ${firstErr.slice(0, 100)}\n`,
  );
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-bench-runs-'));
  try {
    const template = await realLine(ROOT, tmp);
    const mixed = path.join(tmp, 'mixed.log');
    const runs = writeMixedLog(mixed, template, RUNS_MIB);
    const long = path.join(tmp, 'long-line.log');
    writeLongLineLog(long, template, LONG_LINE_MIB);
    const mib = (f: string): string => `${(statSync(f).size / 1024 / 1024).toFixed(0)} MiB`;
    process.stdout.write(`canonical line ${Buffer.byteLength(template)} bytes; mixed.log ${mib(mixed)} (${runs} runs); long-line.log ${mib(long)}\n\n`);
    for (const [name, file, id] of [
      ['mixed', mixed, `bench-${String(Math.floor(runs / 2)).padStart(7, '0')}`],
      ['long-line', long, 'bench-0000003'],
    ] as const) {
      for (const command of ['list', 'stats', 'show']) report(name, command, await measure(command === 'show' ? ['show', id, file] : [command, file]));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
