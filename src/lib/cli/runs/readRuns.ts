import { stat } from 'node:fs/promises';
import { parseRunLine, type ReadRun } from './parseRunLine';
import { canonicalLinesOf, canonicalLinesOfFile, wideEventFiles, type FoundLine } from './runSources';
import { SkipTally } from './skipTally';

/** Where runs are read from: a stream (stdin), or a path (a log file, or a folder searched for run folders). */
export type RunSource = { kind: 'stream'; stream: NodeJS.ReadableStream; name: string } | { kind: 'path'; path: string };

/** The runs read, in start order, and the lines skipped. */
export interface ReadRunsResult {
  runs: ReadRun[];
  skipped: SkipTally;
  /** Lines that held canonical JSON (read or skipped). */
  canonicalLines: number;
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
function byStart(a: ReadRun, b: ReadRun): number {
  const d = Date.parse(a.line.startedAt) - Date.parse(b.line.startedAt);
  return d !== 0 ? d : a.line.pipelineId.localeCompare(b.line.pipelineId);
}

/**
 * Read every canonical line of the sources: valid lines become runs (a run seen twice, e.g. in a log and in its run
 * folder, is kept once), broken or unknown ones are counted in `skipped`. Throws only when a source cannot be read.
 */
export async function readRuns(sources: readonly RunSource[]): Promise<ReadRunsResult> {
  const skipped = new SkipTally();
  const seen = new Map<string, ReadRun>();
  let canonicalLines = 0;
  for (const source of sources) {
    for await (const { json, origin } of linesOf(source)) {
      canonicalLines += 1;
      const parsed = parseRunLine(json, origin);
      if (!parsed.ok) {
        skipped.add(parsed.reason, origin, parsed.detail);
        continue;
      }
      const key = `${parsed.run.line.pipelineId}\u0000${parsed.run.line.timestamp}`;
      if (!seen.has(key)) seen.set(key, parsed.run);
    }
  }
  return { runs: [...seen.values()].sort(byStart), skipped, canonicalLines };
}
