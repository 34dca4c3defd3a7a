import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../pipeline/pipelineHarness';
import { makeRunsFixture, tableRows, type RunsFixture } from './runsLog';

/** The npm script's command (`tsx scripts/runs.ts`), by absolute paths so it runs from any folder. */
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const SCRIPT = path.join(REPO, 'scripts/runs.ts');

let fx: RunsFixture;

beforeAll(async () => {
  fx = await makeRunsFixture();
});
afterAll(() => {
  if (fx?.tmp) rmSync(fx.tmp, { recursive: true, force: true });
});

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a shell command line (sh -c) with $TSX, $SCRIPT and $LOG set, from `cwd`. Its stdin is a socket: `input` is
 * written to it and it is closed; without input it stays open until the process exits (as an inherited stdin may).
 */
function sh(command: string, opts: { cwd?: string; input?: string } = {}): Promise<Exited> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX, SCRIPT, LOG: fx.log, TSX_TSCONFIG_PATH: path.join(REPO, 'tsconfig.json') };
  delete env.NODE_OPTIONS;
  const child = spawn('sh', ['-c', command], { cwd: opts.cwd ?? REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.on('error', () => undefined);
  if (opts.input !== undefined) child.stdin.end(opts.input);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    }),
  );
}

const runIds = (f: RunsFixture): string[] => [...Object.values(f.lines).map((l) => l.pipelineId), f.v2.id].sort();

// Each test starts up to five processes; on a busy machine that takes a while (nothing here is timed).
describe('scripts/runs.ts as a process', { timeout: 180_000 }, () => {
  it('reads a log piped on stdin (`… | npm run -s runs`): the table on stdout, one note on stderr', async () => {
    const out = await sh('cat "$LOG" | "$TSX" "$SCRIPT"');
    expect(out.code, out.stderr).toBe(0);
    const [header, ...rows] = tableRows(out.stdout);
    expect(header?.[0]).toBe('time');
    expect(rows.map((r) => r[1]).sort()).toEqual(runIds(fx));
    expect(out.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^skipped 3 lines: 1 broken JSON \(stdin:9: /)]);
  });

  it('reads stdin named as `-` and a redirected file; --json parses', async () => {
    const named = await sh('"$TSX" "$SCRIPT" - --json', { input: readFileSync(fx.log, 'utf8') });
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { runs: Array<{ runId: string }> }).runs.map((r) => r.runId).sort()).toEqual(runIds(fx));
    const redirected = await sh('"$TSX" "$SCRIPT" stats --json < "$LOG"');
    expect(redirected.code, redirected.stderr).toBe(0);
    expect((JSON.parse(redirected.stdout) as { runs: number }).runs).toBe(6);
    const show = await sh(`"$TSX" "$SCRIPT" show ${fx.lines.failed.pipelineId} "$LOG" --json`);
    expect(JSON.parse(show.stdout)).toEqual(JSON.parse(fx.texts.failed));
  });

  it('reads the run folders under ./outputs by default, without waiting on a stdin that is neither a pipe nor a file', async () => {
    const out = await sh('"$TSX" "$SCRIPT" --json', { cwd: fx.tmp });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe('');
    const ids = (JSON.parse(out.stdout) as { runs: Array<{ runId: string; origin: string }> }).runs.map((r) => r.origin.split('/').slice(0, 3).join('/'));
    expect(ids.sort()).toEqual(
      Object.values(fx.lines)
        .map((l) => `outputs/${l.orgId ?? l.dataset}/${l.pipelineId}`)
        .sort(),
    );
  });

  it('exit codes: 0 help, 1 nothing readable or no such run, 2 bad usage', async () => {
    const help = await sh('"$TSX" "$SCRIPT" -h');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect((await sh(`"$TSX" "$SCRIPT" "${fx.quietLog}"`)).code).toBe(1);
    expect((await sh('"$TSX" "$SCRIPT" show no-such-run "$LOG"')).code).toBe(1);
    const bad = await sh('"$TSX" "$SCRIPT" "$LOG" --since tomorrowish');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  });
});
