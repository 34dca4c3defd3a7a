import { stat } from 'node:fs/promises';
import { parseRunLine, type ReadRun } from './parseRunLine';
import { MAX_LINE_TEXT } from './readLimits';
import { canonicalLinesOf, canonicalLinesOfFile, wideEventFiles, type FoundLine } from './runSources';
import { summarize, type RunSummary } from './runSummary';
import { SkipTally } from './skipTally';

/** Where runs are read from: a stream (stdin), or a path (a log file, or a folder searched for run folders). */
export type RunSource = { kind: 'stream'; stream: NodeJS.ReadableStream; name: string } | { kind: 'path'; path: string };

/** How to read: whether summaries keep what `stats` needs, and who else sees each run while it is read whole. */
export interface ReadRunsOptions {
  withStats?: boolean;
  /** Called once per run (a run read twice is seen once), with its full line; keep only what is needed. */
  onRun?: (run: ReadRun, summary: RunSummary) => void;
}

/** The runs read (as summaries), in start order, and the lines skipped. */
export interface ReadRunsResult {
  runs: RunSummary[];
  skipped: SkipTally;
}

async function* linesOf(source: RunSource): AsyncGenerator<FoundLine> {
  if (source.kind === 'stream') {
    yield* canonicalLinesOf(source.stream, source.name);
    return;
  }
  if (!(await stat(source.path)).isDirectory()) {
    yield* canonicalLinesOfFile(source.path);
    return;
  }
  for (const file of await wideEventFiles(source.path)) yield* canonicalLinesOfFile(file);
}

/** Start order, then run id: the order runs are listed in. */
export function byStart(a: RunSummary, b: RunSummary): number {
  const d = Date.parse(a.row.startedAt) - Date.parse(b.row.startedAt);
  return d !== 0 ? d : a.row.runId.localeCompare(b.row.runId);
}

/**
 * Read every canonical line of the sources, one line at a time: valid lines become run summaries (a run seen twice,
 * e.g. in a log and in its run folder, is kept once), lines too long, too deep, broken or unknown are counted in
 * `skipped`. Throws only when a source cannot be read.
 */
export async function readRuns(sources: readonly RunSource[], options: ReadRunsOptions = {}): Promise<ReadRunsResult> {
  const skipped = new SkipTally();
  const seen = new Map<string, RunSummary>();
  for (const source of sources) {
    for await (const found of linesOf(source)) {
      if ('tooLong' in found) {
        skipped.add('line too long', found.origin, `longer than ${MAX_LINE_TEXT}`);
        continue;
      }
      const parsed = parseRunLine(found.json, found.origin);
      if (!parsed.ok) {
        skipped.add(parsed.reason, found.origin, parsed.detail);
        continue;
      }
      const summary = summarize(parsed.run, options.withStats === true);
      const key = `${summary.row.runId}\u0000${parsed.run.line.timestamp}`;
      if (seen.has(key)) continue;
      seen.set(key, summary);
      options.onRun?.(parsed.run, summary);
    }
  }
  return { runs: [...seen.values()].sort(byStart), skipped };
}
