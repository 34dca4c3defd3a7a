import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalModelProvider, resetModelProvider, setModelProvider, type ModelCallRequest, type TokenUsage } from '@/lib/llm';
import type { CanonicalLine } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { EXAMPLES, captureCanonicalLines, parseLine } from '../../pipeline/pipelineHarness';
import type { LineSink } from '@/lib/observability';

const PULSE = path.join(EXAMPLES, 'employee-pulse');
const BRAND = path.join(EXAMPLES, 'brand-tracker');

/** The real runs behind the log, by role. */
export type Role = 'pulse' | 'brand' | 'partial' | 'failed' | 'cancelled';

/** Real canonical lines from in-process runs, a log mixing them with other output, and the runs' output root. */
export interface RunsFixture {
  tmp: string;
  /** `<tmp>/outputs`: the runs' folders, laid out as the CLI and the web app write them. */
  outRoot: string;
  /** The mixed log: other output, the canonical lines (one with a container prefix, one with CRLF), and bad lines. */
  log: string;
  /** A log with other output only. */
  quietLog: string;
  lines: Record<Role, CanonicalLine>;
  texts: Record<Role, string>;
  /** The employee-pulse line rewritten as a schema 2 line (no start offsets, no warnings), with its own id. */
  v2: { id: string; text: string };
  /** The id of the line whose schemaVersion is unknown (99). */
  unknownVersionId: string;
}

/** The local model, except that the calls of chosen agents fail as a refused connection does (an error with a cause). */
class RefusingProvider extends LocalModelProvider {
  constructor(private readonly refuse: ReadonlySet<string>) {
    super();
  }

  override async generate<T>(req: ModelCallRequest<T>): Promise<{ object: T; usage: TokenUsage }> {
    if (this.refuse.has(req.agent)) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    return super.generate(req);
  }
}

async function runOne(
  role: Role,
  datasetDir: string,
  outRoot: string,
  sink: LineSink,
  opts: { org?: string; failAgents?: string[]; abortAfter?: string } = {},
): Promise<void> {
  setModelProvider(new RefusingProvider(new Set(opts.failAgents ?? [])));
  const runId = `${role}-run-1`;
  const controller = new AbortController();
  const progress = (line: string): void => {
    if (opts.abortAfter && line.startsWith(`✓ ${opts.abortAfter}`)) controller.abort();
  };
  const folder = opts.org ?? path.basename(datasetDir);
  try {
    await runPipeline({
      inputs: { datasetDir },
      outputDir: path.join(outRoot, folder, runId),
      runId,
      source: opts.org ? 'web' : 'cli',
      orgId: opts.org,
      signal: controller.signal,
      progress,
      lineSink: sink,
    });
  } finally {
    resetModelProvider();
  }
}

/** A schema 2 version of a line: without stage start offsets and warnings. */
function asV2(text: string, id: string): string {
  const raw = JSON.parse(text) as Record<string, unknown> & { stages: Array<Record<string, unknown>> };
  delete raw.warnings;
  for (const stage of raw.stages) delete stage.startOffsetMs;
  return JSON.stringify({ ...raw, schemaVersion: 2, pipelineId: id });
}

/** Run the pipeline five ways (two datasets, web runs of two orgs, a partial, a failed and a cancelled run) and write the log. */
export async function makeRunsFixture(): Promise<RunsFixture> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-runs-'));
  const outRoot = path.join(tmp, 'outputs');
  mkdirSync(outRoot);
  const capture = captureCanonicalLines();
  const texts = {} as Record<Role, string>;
  const collect =
    (role: Role): LineSink =>
    (finished) => {
      void capture.sink(finished);
      texts[role] = finished.text;
    };
  await runOne('pulse', PULSE, outRoot, collect('pulse'));
  await runOne('brand', BRAND, outRoot, collect('brand'));
  await runOne('partial', PULSE, outRoot, collect('partial'), { org: 'acme', failAgents: ['VerificationAgent'] });
  await runOne('failed', PULSE, outRoot, collect('failed'), { org: 'globex', failAgents: ['BannerGenerateAgent'] });
  await runOne('cancelled', BRAND, outRoot, collect('cancelled'), { abortAfter: 'TableGenerator' });
  const lines = Object.fromEntries(Object.entries(texts).map(([role, text]) => [role, parseLine(text)])) as Record<Role, CanonicalLine>;

  const v2 = { id: 'legacy-v2-run', text: asV2(texts.pulse, 'legacy-v2-run') };
  const unknownVersionId = 'future-run-1';
  const unknown = JSON.stringify({ ...JSON.parse(texts.pulse), schemaVersion: 99, pipelineId: unknownVersionId });
  const withoutTotals = JSON.parse(texts.brand) as Record<string, unknown>;
  delete withoutTotals.totals;
  const notMatching = JSON.stringify({ ...withoutTotals, pipelineId: 'no-totals-run' });
  const log = path.join(tmp, 'app.log');
  writeFileSync(
    log,
    [
      '> crosstab@0.1.0 start',
      '   ▲ Next.js 16.4.6',
      ' ✓ Ready in 412ms',
      texts.pulse,
      'GET /runs 200 in 35ms',
      `web-1  | ${texts.partial}`,
      '[settings] SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1; using 1',
      texts.brand,
      texts.failed.slice(0, Math.floor(texts.failed.length / 2)),
      unknown,
      `${texts.failed}\r`,
      notMatching,
      'POST /api/process-crosstab 202 in 18ms',
      texts.cancelled,
      v2.text,
      '',
    ].join('\n'),
  );
  const quietLog = path.join(tmp, 'quiet.log');
  writeFileSync(quietLog, '> crosstab@0.1.0 start\n ✓ Ready in 412ms\nGET / 200 in 9ms\n');
  return { tmp, outRoot, log, quietLog, lines, texts, v2, unknownVersionId };
}

export { runs, tableRows, type RunsOutput } from './runsInProcess';
