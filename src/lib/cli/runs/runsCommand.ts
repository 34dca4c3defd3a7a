import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { terminalSafe } from '@/lib/core/terminalSafe';
import { findRun } from './findRun';
import { readRuns, type ReadRunsResult, type RunSource } from './readRuns';
import { RUNS_USAGE, parseRunsArgs, type RunsArgs } from './runsArgs';
import { renderRunDetail } from './runDetail';
import { parseRunFilter, selectRuns, type RunFilter } from './runFilter';
import { renderRunStats, runStats } from './runStats';
import { renderRunsTable } from './runsTable';
import type { RunSummary } from './runSummary';
import { ShowCandidates } from './showCandidates';
import { terminalJson } from './terminalJson';

/** What the command reads from and writes to (the process's streams in scripts/runs.ts; stand-ins in tests). */
export interface RunsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  /** stdin is a pipe or a redirected file: read it when no file is given. */
  stdinHasInput: boolean;
  now: Date;
  /** Terminal width for the waterfall. */
  columns: number;
}

/** The output root read by default. */
export const DEFAULT_OUT_ROOT = 'outputs';

class UsageProblem extends Error {}

/** The sources of the command line, each path checked readable (a missing or unreadable one is bad usage). */
async function sourcesOf(args: RunsArgs, io: RunsIo): Promise<{ sources: RunSource[]; described: string }> {
  if (args.paths.length === 0) {
    if (args.outRoot === undefined && io.stdinHasInput) return { sources: [{ kind: 'stream', stream: io.stdin, name: 'stdin' }], described: 'stdin' };
    const root = args.outRoot ?? DEFAULT_OUT_ROOT;
    if (!existsSync(root)) return { sources: [], described: `${root} (no such folder${args.outRoot === undefined ? '; give log files, or --out-root' : ''})` };
    return { sources: [{ kind: 'path', path: root }], described: `the run folders under ${root}` };
  }
  const sources: RunSource[] = [];
  for (const p of args.paths) {
    if (p === '-') {
      sources.push({ kind: 'stream', stream: io.stdin, name: 'stdin' });
      continue;
    }
    await stat(p).catch((err: NodeJS.ErrnoException) => {
      throw new UsageProblem(`cannot read ${p}: ${err.code === 'ENOENT' ? 'no such file or folder' : (err.code ?? err.message)}`);
    });
    sources.push({ kind: 'path', path: p });
  }
  return { sources, described: args.paths.map((p) => (p === '-' ? 'stdin' : p)).join(', ') };
}

/** Text lines on stdout, each terminal-safe (a field cannot end a line, move the cursor or retitle the terminal). */
function print(io: RunsIo, lines: readonly string[]): void {
  io.stdout(`${lines.map(terminalSafe).join('\n')}\n`);
}

/** One message line on stderr, terminal-safe. */
function say(io: RunsIo, message: string): void {
  io.stderr(`${terminalSafe(message)}\n`);
}

function list(args: RunsArgs, io: RunsIo, selected: RunSummary[], read: ReadRunsResult): number {
  const rows = selected.map((r) => r.row);
  if (args.json) io.stdout(`${terminalJson({ runs: rows, skipped: read.skipped.toJSON() })}\n`);
  else if (rows.length > 0) print(io, renderRunsTable(rows));
  if (rows.length === 0) say(io, `no runs match the filters (${read.runs.length} read)`);
  return 0;
}

function show(args: RunsArgs, io: RunsIo, selected: RunSummary[], read: ReadRunsResult, candidates: ShowCandidates): number {
  const found = findRun(selected, args.runId);
  if ('ambiguous' in found) {
    const ids = [...new Set(found.ambiguous.map((r) => r.row.runId))];
    say(io, `error: "${args.runId ?? ''}" matches ${ids.length} runs: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
    return 2;
  }
  const run = 'run' in found ? candidates.runOf(found.run) : undefined;
  if (!run) {
    const elsewhere = args.runId !== undefined && findRun(read.runs, args.runId);
    const why =
      args.runId === undefined
        ? 'no run matches the filters'
        : elsewhere && 'run' in elsewhere
          ? `run ${args.runId} does not match the filters`
          : `no run ${args.runId} among the ${read.runs.length} runs read`;
    say(io, why);
    return 1;
  }
  if (args.json) io.stdout(`${terminalJson(run.raw)}\n`);
  else print(io, renderRunDetail(run, io.columns));
  return 0;
}

function stats(args: RunsArgs, io: RunsIo, selected: RunSummary[], read: ReadRunsResult): number {
  const figures = runStats(selected);
  if (args.json) io.stdout(`${terminalJson({ ...figures, skipped: read.skipped.toJSON() })}\n`);
  else if (selected.length > 0) print(io, renderRunStats(figures));
  if (selected.length === 0) say(io, `no runs match the filters (${read.runs.length} read)`);
  return 0;
}

/** Read the runs for a command: summaries for all, the stages and rollups for `stats`, the candidates' full lines for `show`. */
async function readFor(args: RunsArgs, sources: RunSource[], filter: RunFilter): Promise<{ read: ReadRunsResult; candidates: ShowCandidates }> {
  const candidates = new ShowCandidates(args.runId, filter);
  const read = await readRuns(sources, { withStats: args.command === 'stats', onRun: args.command === 'show' ? candidates.offer : undefined });
  return { read, candidates };
}

/** `runs` as a function of its arguments and streams: prints the list, one run or the stats; returns the exit code. */
export async function runsCommand(argv: readonly string[], io: RunsIo): Promise<number> {
  const parsed = parseRunsArgs(argv, (p) => existsSync(p));
  if ('problem' in parsed) {
    say(io, `error: ${parsed.problem}`);
    io.stderr(`\n${RUNS_USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  if (args.help) {
    io.stdout(`${RUNS_USAGE}\n`);
    return 0;
  }
  const filter = parseRunFilter(args, io.now);
  if ('problem' in filter) {
    say(io, `error: ${filter.problem}`);
    return 2;
  }
  let read: ReadRunsResult;
  let candidates: ShowCandidates;
  let described: string;
  try {
    const { sources, described: what } = await sourcesOf(args, io);
    described = what;
    ({ read, candidates } = await readFor(args, sources, filter.filter));
  } catch (err) {
    say(io, `error: ${err instanceof UsageProblem ? err.message : `cannot read the input: ${err instanceof Error ? err.message : String(err)}`}`);
    return 2;
  }
  const note = read.skipped.note();
  if (note) say(io, note);
  if (read.runs.length === 0) {
    if (args.json && args.command !== 'show')
      io.stdout(
        `${terminalJson(args.command === 'list' ? { runs: [], skipped: read.skipped.toJSON() } : { ...runStats([]), skipped: read.skipped.toJSON() })}\n`,
      );
    say(io, `no readable canonical lines in ${described}`);
    return 1;
  }
  const selected = selectRuns(read.runs, filter.filter);
  const limited = args.limit !== undefined && args.command !== 'show' ? selected.slice(-args.limit) : selected;
  if (args.command === 'show') return show(args, io, limited, read, candidates);
  if (args.command === 'stats') return stats(args, io, limited, read);
  return list(args, io, limited, read);
}
