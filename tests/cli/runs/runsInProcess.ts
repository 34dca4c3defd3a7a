import { PassThrough } from 'node:stream';
import { runsCommand } from '@/lib/cli/runs/runsCommand';

/** What one in-process `runs` command printed and returned. */
export interface RunsOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the `runs` command in process; `stdin` is given as a piped stream when set. */
export async function runs(argv: string[], opts: { stdin?: string; now?: Date; columns?: number } = {}): Promise<RunsOutput> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const code = await runsCommand(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin,
    stdinHasInput: opts.stdin !== undefined,
    now: opts.now ?? new Date(),
    columns: opts.columns ?? 120,
  });
  return { code, stdout, stderr };
}

/** The rows of a printed table (header first), as cells split at runs of two or more spaces. */
export function tableRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => l.trim().split(/\s{2,}/));
}
