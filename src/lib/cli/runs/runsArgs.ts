import { parseArgs } from 'node:util';
import { MAX_LIST_ITEMS, MAX_NESTING } from '@/lib/observability/line';
import { MAX_LINE_TEXT } from './readLimits';
import type { RunFilterOptions } from './runFilter';
import { formatCount } from './runFormat';

/** The usage text of `npm run -s runs`. */
export const RUNS_USAGE = `Usage: npm run -s runs -- [list] [<file or folder>...] [options]
       npm run -s runs -- show [<run-id>] [<file or folder>...] [options]
       npm run -s runs -- stats [<file or folder>...] [options]

Reads the canonical lines of pipeline runs (one JSON line per run, starting {"kind":"pipeline.run"):
from the log files given ('-' is stdin; other lines of a log are ignored), from the run folders under
the folders given, from stdin when it is a pipe or a redirected file, and otherwise from the run
folders under the output root (each holds its line in wide-event.json). Lines of an unknown schema
version, broken JSON, lines not matching the schema, longer than ${MAX_LINE_TEXT}, nested more than ${MAX_NESTING} levels
deep or with a list of more than ${formatCount(MAX_LIST_ITEMS)} items are counted and skipped (a note on stderr). Control
characters in what the lines say are shown as escapes (\\x1b, \\u202e, \\n); --json is plain JSON.

Commands:
  list               (default) one row per run: time, run id, dataset, source, outcome, duration,
                     agent calls, tokens, cost, tables, warnings; oldest first
  show [<run-id>]    one run: its stages as a waterfall on one time axis, per-agent calls, tokens and
                     cost, totals, warnings and the error with its causes; a unique prefix of the id is
                     enough; without an id (or when the first argument is a file), the latest selected run
  stats              per-stage duration percentiles (p50, p90, max) and token and cost totals over the
                     selected runs

Options:
  --out-root <dir>   output root read when no file is given (default: outputs)
  --outcome <list>   only runs with these outcomes: success, partial, error, cancelled (comma-separated)
  --dataset <list>   only runs of these datasets (comma-separated)
  --org <list>       only runs of these orgs (comma-separated)
  --since <time>     only runs started at or after <time>: an ISO date or date-time (2025-06-01,
                     2025-06-01T14:00, 2025-06-01T14:00Z; local time without a zone) or an age (30m, 2h, 3d, 1w)
  --until <time>     only runs started before <time> (same forms)
  --limit <n>        list, stats: only the latest n selected runs
  --json             machine-readable output on stdout: list {"runs":[...],"skipped":{...}}, show the run's
                     canonical line as written, stats the figures as an object
  -h, --help         show this help

Exit codes: 0 runs were read (also when the filters select none), 1 nothing readable was found or the run to
show is not among the selected runs, 2 bad usage or a file that cannot be read.`;

/** The commands of `runs`. */
export const RUNS_COMMANDS = ['list', 'show', 'stats'] as const;
export type RunsCommandName = (typeof RUNS_COMMANDS)[number];

/** The command line of `runs`, parsed. */
export interface RunsArgs extends RunFilterOptions {
  command: RunsCommandName;
  /** `show`: the run id (or id prefix) asked for. */
  runId?: string;
  /** Log files and folders to read; `-` is stdin. */
  paths: string[];
  outRoot?: string;
  limit?: number;
  json: boolean;
  help: boolean;
}

/**
 * Parse the arguments of `runs`. A first positional naming a command selects it (a file named like one is given as
 * `./list`). After `show`, the first positional is the run id unless it is `-` or an existing path (`isPath`).
 */
export function parseRunsArgs(argv: readonly string[], isPath: (p: string) => boolean): { args: RunsArgs } | { problem: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'out-root': { type: 'string' },
        outcome: { type: 'string' },
        dataset: { type: 'string' },
        org: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  const rest = [...positionals];
  const command: RunsCommandName = (RUNS_COMMANDS as readonly string[]).includes(rest[0] ?? '') ? (rest.shift() as RunsCommandName) : 'list';
  const runId = command === 'show' && rest[0] !== undefined && rest[0] !== '-' && !isPath(rest[0]) ? rest.shift() : undefined;
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) return { problem: `--limit: expected a whole number of runs (1 or more), got "${values.limit}"` };
  }
  if (values['out-root'] !== undefined && rest.length > 0) return { problem: '--out-root reads the output root; give it or files and folders, not both' };
  return {
    args: {
      command,
      runId,
      paths: rest,
      outRoot: values['out-root'],
      outcome: values.outcome,
      dataset: values.dataset,
      org: values.org,
      since: values.since,
      until: values.until,
      limit,
      json: values.json,
      help: values.help,
    },
  };
}
