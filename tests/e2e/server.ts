import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running production server for end-to-end tests. */
export interface E2eServer {
  baseUrl: string;
  workDir: string;
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
  /** Kill the server at once (SIGKILL), as a crash would. */
  crash: () => Promise<void>;
  /** Send a signal to the `next start` process alone, as a container runtime or process manager does. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves when the `next start` process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the server printed on stdout so far (canonical lines of web runs go there). */
  stdout: () => string;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Create a user through the documented auth command and return its token. */
export function createUser(env: NodeJS.ProcessEnv, org: string, email: string, role = 'analyst'): { userId: string; orgId: string; token: string } {
  const res = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/auth.ts', 'create-user', '--org', org, '--email', email, '--role', role, '--json'],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`auth create-user failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim()) as { userId: string; orgId: string; token: string };
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Start `next start` (production mode) on a free port with a fresh database, output and upload folder;
 * pass `previous` to start again on the same folders and secret (a server restart).
 */
export async function startServer(extraEnv: Record<string, string> = {}, previous?: Pick<E2eServer, 'workDir' | 'env'>): Promise<E2eServer> {
  const workDir = previous?.workDir ?? mkdtempSync(path.join(tmpdir(), 'crosstab-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = previous
    ? { ...previous.env, ...extraEnv }
    : {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATABASE_PATH: path.join(workDir, 'db', 'crosstab.db'),
        OUTPUT_ROOT: path.join(workDir, 'outputs'),
        UPLOAD_ROOT: path.join(workDir, 'uploads'),
        AUTH_SECRET: randomBytes(32).toString('hex'),
        NEXT_TELEMETRY_DISABLED: '1',
        ...extraEnv,
      };
  const logs: string[] = [];
  const stdout: Buffer[] = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it also stops any worker process it started.
    detached: true,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 400) logs.shift();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    keep(chunk);
  });
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}/signin`, child, 60_000);
  } catch (err) {
    killGroup('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs.join('')}`);
  }
  return {
    baseUrl,
    workDir,
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => killGroup('SIGKILL'), 3_000);
        child.once('exit', () => {
          clearTimeout(force);
          killGroup('SIGKILL');
          resolve();
        });
        killGroup('SIGTERM');
      }),
    crash: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        killGroup('SIGKILL');
      }),
    signal: (signal) => {
      child.kill(signal);
    },
    exited,
    stdout: () => Buffer.concat(stdout).toString('utf8'),
  };
}
