import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real Postgres and Redis servers for the distributed-mode tests, started from Debian's packages in a temp folder
 * (unix sockets, no TCP port, nothing shared with the machine). Without the binaries the tests are skipped with one
 * line saying why, unless CROSSTAB_REQUIRE_ENGINES=1 (CI), where a missing engine fails the run.
 */

const PG_BIN = process.env.PG_BIN ?? newestPostgresBin();
const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

function newestPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return path.join(root, 'missing', 'bin');
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return path.join(root, versions[0] ?? 'missing', 'bin');
}

/** Why the engines cannot run here (undefined when they can). */
export function enginesMissing(): string | undefined {
  const missing = [existsSync(path.join(PG_BIN, 'initdb')) ? null : 'postgresql', existsSync(REDIS_SERVER) ? null : 'redis-server'].filter(Boolean);
  if (missing.length === 0) return undefined;
  const why = `the distributed-mode tests need ${missing.join(' and ')} (apt-get install ${missing.join(' ')})`;
  if (process.env.CROSSTAB_REQUIRE_ENGINES === '1') throw new Error(`${why}: required here (CROSSTAB_REQUIRE_ENGINES=1)`);
  return why;
}

/** A running engine: where to connect, and how to stop it (and remove its folder). */
export interface Engine {
  url: string;
  stop: () => Promise<void>;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a Postgres binary as the `postgres` user when this process is root (initdb refuses root). */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  const full = path.join(PG_BIN, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Start a Postgres cluster in a temp folder, listening on a unix socket only; the URL names database `crosstab`. */
export async function startPostgres(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crosstab-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'socket');
  mkdirSync(socket);
  chmodSync(socket, 0o777);
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const [initCmd, initArgs] = pgCommand('initdb', ['-D', data, '-U', 'crosstab', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const [cmd, args] = pgCommand('postgres', ['-D', data, '-k', socket, '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'max_connections=200']);
  const server = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
  const ready = Date.now() + 20_000;
  for (;;) {
    const [isReadyCmd, isReadyArgs] = pgCommand('pg_isready', ['-h', socket, '-U', 'crosstab', '-q']);
    if (spawnSync(isReadyCmd, isReadyArgs).status === 0) break;
    if (Date.now() > ready || server.exitCode !== null) throw new Error(`postgres did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [createCmd, createArgs] = pgCommand('createdb', ['-h', socket, '-U', 'crosstab', 'crosstab']);
  const created = spawnSync(createCmd, createArgs, { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
  return {
    url: `postgres://crosstab@localhost/crosstab?host=${encodeURIComponent(socket)}`,
    stop: async () => {
      // pg_ctl signals the postmaster itself: as root the server runs under runuser, which does not pass SIGINT on.
      const [stopCmd, stopArgs] = pgCommand('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-s']);
      if (spawnSync(stopCmd, stopArgs).status !== 0) server.kill('SIGKILL');
      await stopped(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Start redis-server on a unix socket in a temp folder, with no persistence to disk. */
export async function startRedis(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crosstab-redis-'));
  const socket = path.join(dir, 'redis.sock');
  const server = spawn(REDIS_SERVER, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '777', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-4000));
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const ready = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (Date.now() > ready || server.exitCode !== null) throw new Error(`redis-server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `unix://${socket}`,
    stop: async () => {
      server.kill('SIGTERM');
      await stopped(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
