import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Repository root: the CLI runs with it as cwd, as `npm run pipeline` does. */
export const REPO = path.resolve(__dirname, '../..');
const SCRIPT = 'scripts/run-pipeline.ts';

/** What one CLI process did. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  wallMs: number;
  /** True when the harness had to kill the process at its time limit. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Extra environment (SENTRY_DSN etc.); model and Sentry settings of the outer environment are never inherited. */
  env?: Record<string, string>;
  /** Kill the process (SIGKILL) after this long. */
  timeoutMs?: number;
  /** Called with the stderr received so far each time more arrives; gets the child's pid to signal. */
  onStderr?: (soFar: string, pid: number) => void;
  /** Start the CLI as the leader of its own process group (as a terminal does), so `process.kill(-pid)` reaches every process of it. */
  processGroup?: boolean;
}

const INHERITED_OUT = [
  'SENTRY_DSN',
  'NEXT_PUBLIC_SENTRY_DSN',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'LLM_PROVIDER',
  'LLM_MODEL',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_RESOURCE_NAME',
];

/** Run `node --import tsx scripts/run-pipeline.ts <args>` (the npm script's command) from the repo root, bounded by a timeout. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of INHERITED_OUT) delete env[key];
  delete env.NODE_OPTIONS;
  Object.assign(env, { NODE_ENV: 'test' }, opts.env);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.processGroup === true,
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    if (child.pid !== undefined) opts.onStderr?.(stderr, child.pid);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    if (opts.processGroup && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
        return;
      } catch {
        // the group is already gone; kill the leader below
      }
    }
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, wallMs: Math.round(performance.now() - started), timedOut });
    });
  });
}

/** The single line on stdout (fails loudly when stdout is not exactly one newline-terminated line). */
export function singleStdoutLine(stdout: string): string {
  const parts = stdout.split('\n');
  if (parts.length !== 2 || parts[1] !== '' || parts[0] === '') throw new Error(`stdout is not exactly one line: ${JSON.stringify(stdout.slice(0, 500))}`);
  return parts[0]!;
}

/** A dataset folder made of copied files and written texts. */
export function makeDataset(dir: string, files: Record<string, string>, texts: Record<string, string> = {}): string {
  mkdirSync(dir, { recursive: true });
  for (const [target, source] of Object.entries(files)) copyFileSync(source, path.join(dir, target));
  for (const [target, text] of Object.entries(texts)) writeFileSync(path.join(dir, target), text);
  return dir;
}
