import type { ReadRun } from './parseRunLine';
import { byStart } from './readRuns';
import { matchesFilter, type RunFilter } from './runFilter';
import type { RunSummary } from './runSummary';

interface Kept {
  run: ReadRun;
  summary: RunSummary;
}

/** `b` when it is as late as `a` or later in start order (of equals, the one read last, as findRun picks). */
function later(a: Kept | undefined, b: Kept): Kept {
  return a === undefined || byStart(b.summary, a.summary) >= 0 ? b : a;
}

/**
 * The full lines `show` may print, kept while reading instead of every line: of the selected runs, the latest whose id
 * is the one asked for (or the latest of all without an id) and the latest whose id starts with it. findRun over the
 * summaries then chooses among them exactly as it would among every run.
 */
export class ShowCandidates {
  private exact: Kept | undefined;
  private prefixed: Kept | undefined;

  constructor(
    private readonly id: string | undefined,
    private readonly filter: RunFilter,
  ) {}

  /** See one run as read (ReadRunsOptions.onRun). */
  readonly offer = (run: ReadRun, summary: RunSummary): void => {
    if (!matchesFilter(summary, this.filter)) return;
    const id = summary.row.runId;
    if (this.id === undefined || id === this.id) this.exact = later(this.exact, { run, summary });
    if (this.id !== undefined && id.startsWith(this.id)) this.prefixed = later(this.prefixed, { run, summary });
  };

  /** The full run of a summary findRun chose among the selected runs. */
  runOf(summary: RunSummary): ReadRun | undefined {
    return [this.exact, this.prefixed].find((k) => k?.summary === summary)?.run;
  }
}
