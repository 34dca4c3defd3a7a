import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, vi } from 'vitest';
import { FailureRecordSchema, type FailureRecord } from '@/lib/errors/ErrorPersistence';
import { LocalModelProvider, type ModelCallRequest, type ModelProvider, type TokenUsage } from '@/lib/llm';
import {
  CanonicalLineSchema,
  canonicalLineJsonSchema,
  currentRun,
  getAgentMetrics,
  type AgentCallRecord,
  type CanonicalLine,
  type LineSink,
} from '@/lib/observability';

/** Repository root (tests run with it as cwd, but resolve it from here so nothing depends on that). */
export const REPO = path.resolve(__dirname, '../..');
export const EXAMPLES = path.join(REPO, 'examples');
export const SAV_FIXTURES = path.join(REPO, 'tests/fixtures/sav');

const ajv = new Ajv({ allErrors: true });
const validateJsonSchema = ajv.compile(canonicalLineJsonSchema());

/** Parse one canonical line and check it against the zod schema and the published JSON Schema. */
export function parseLine(text: string | undefined): CanonicalLine {
  expect(text, 'a canonical line').toBeTypeOf('string');
  expect(text).not.toContain('\n');
  const json: unknown = JSON.parse(text as string);
  const zod = CanonicalLineSchema.safeParse(json);
  expect(zod.success, zod.success ? '' : JSON.stringify(zod.error.issues)).toBe(true);
  expect(validateJsonSchema(json), JSON.stringify(validateJsonSchema.errors)).toBe(true);
  return zod.data as CanonicalLine;
}

/** A line sink for runPipeline({ lineSink }) that keeps every canonical line, grouped by pipelineId. */
export function captureCanonicalLines(): { sink: LineSink; byRun: (runId: string) => string[]; all: string[]; restore: () => void } {
  const all: string[] = [];
  return {
    sink: (finished) => void all.push(finished.text),
    all,
    byRun: (runId) => all.filter((l) => (JSON.parse(l) as { pipelineId?: string }).pipelineId === runId),
    restore: () => undefined,
  };
}

/** Every metrics record, with the run scope it was recorded in (the collector clears its own buckets after a run). */
export function captureMetricsRecords(): { byRun: (runId: string) => AgentCallRecord[]; restore: () => void } {
  const records: Array<{ runId: string | undefined; call: AgentCallRecord }> = [];
  const metrics = getAgentMetrics();
  const original = metrics.record.bind(metrics);
  const spy = vi.spyOn(metrics, 'record').mockImplementation((call: AgentCallRecord) => {
    records.push({ runId: currentRun()?.run.runId, call });
    original(call);
  });
  return {
    byRun: (runId) => records.filter((r) => r.runId === runId).map((r) => r.call),
    restore: () => spy.mockRestore(),
  };
}

/**
 * A provider around the local model that tracks calls in flight per run and can fail the calls of chosen agents.
 * `idle()` resolves once no call is in flight: after that, nothing of a finished run can still be recorded.
 */
export class TrackingProvider implements ModelProvider {
  readonly name: string;
  readonly model: string;
  readonly priced: boolean | undefined;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  /** Calls that started after their run's signal had fired (they must not reach the model). */
  startedAfterAbort = 0;

  constructor(
    private readonly inner: ModelProvider = new LocalModelProvider(),
    private readonly failAgents: ReadonlySet<string> = new Set(),
  ) {
    this.name = inner.name;
    this.model = inner.model;
    this.priced = inner.priced;
  }

  async generate<T>(req: ModelCallRequest<T>): Promise<{ object: T; usage: TokenUsage }> {
    if (req.signal?.aborted) this.startedAfterAbort += 1;
    this.inFlight += 1;
    try {
      if (this.failAgents.has(req.agent)) throw new Error(`model unavailable for ${req.agent}`);
      return await this.inner.generate(req);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves when no call is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The failure records of a run folder's errors.ndjson (each validated). */
export function readFailureRecords(dir: string): FailureRecord[] {
  const file = path.join(dir, 'errors.ndjson');
  expect(existsSync(file), `${file} exists`).toBe(true);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => FailureRecordSchema.parse(JSON.parse(l)));
}

/** Table titles listed on the workbook's Contents sheet (one row per table after the header row "#"). */
export async function workbookTableTitles(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const contents = wb.getWorksheet('Contents');
  expect(contents, 'Contents sheet').toBeDefined();
  expect(wb.getWorksheet('Tables'), 'Tables sheet').toBeDefined();
  const titles: string[] = [];
  let inList = false;
  contents!.eachRow((row) => {
    const first = row.getCell(1).value;
    if (first === '#') {
      inList = true;
      return;
    }
    if (!inList || typeof first !== 'number') return;
    const cell = row.getCell(2).value as { text?: string } | string | null;
    titles.push(typeof cell === 'string' ? cell : (cell?.text ?? ''));
  });
  return titles;
}

/** Let pending callbacks run (promise jobs and one macrotask turn). */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
