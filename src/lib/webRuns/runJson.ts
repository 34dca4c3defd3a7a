import type { RunRecord } from '@/lib/db/RunRecord';
import { FINISHED_STATUSES } from '@/lib/db/RunRecord';
import { redactText } from '@/lib/redaction';
import { runSummary, type RunSummary } from './runSummary';

/** A run as the API and the browser see it: no server file paths, download links instead. */
export interface RunJson {
  id: string;
  dataset: string;
  inputKind: 'upload' | 'example';
  userId: string;
  orgId: string;
  status: RunRecord['status'];
  outcome: RunRecord['outcome'];
  finished: boolean;
  stage: string | null;
  progress: number;
  stages: RunRecord['stages'];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  tableCount: number | null;
  /** Download links: the workbook, the tables (`?offset=&limit=` for the index) and the canonical line, once there. */
  outputs: { workbook: string | null; tables: string | null; line: string | null };
  error: RunRecord['error'];
  canonicalLine: string | null;
  /** Calls, tokens, cost and warnings from the canonical line, once finished. */
  summary: RunSummary | null;
}

/** A run as the runs list sees it: the summary without the canonical line. */
export type RunListJson = Omit<RunJson, 'canonicalLine'>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Serialise a run record for the API (messages redacted: no server path, e-mail or key). */
export function toRunJson(run: RunRecord): RunJson {
  return {
    id: run.id,
    dataset: run.dataset,
    inputKind: run.inputKind,
    userId: run.userId,
    orgId: run.orgId,
    status: run.status,
    outcome: run.outcome,
    finished: FINISHED_STATUSES.includes(run.status),
    stage: run.stage,
    progress: run.progress,
    stages: run.stages.map((s) => (s.detail === undefined ? s : { ...s, detail: redactText(s.detail) })),
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    durationMs: run.durationMs,
    tableCount: run.tableCount,
    outputs: {
      workbook: run.workbookPath ? `/api/runs/${encodeURIComponent(run.id)}/workbook` : null,
      tables: run.tablesPath ? `/api/runs/${encodeURIComponent(run.id)}/tables` : null,
      line: run.finishedAt !== null && run.canonicalLine ? `/api/runs/${encodeURIComponent(run.id)}/line` : null,
    },
    error: run.error ? { ...run.error, message: redactText(run.error.message) } : null,
    canonicalLine: run.finishedAt === null ? null : run.canonicalLine,
    summary: run.finishedAt === null ? null : runSummary(run.canonicalLine),
  };
}

/** Serialise a run record for the runs list: as toRunJson, without the canonical line. */
export function toRunListJson(run: RunRecord): RunListJson {
  const json: Partial<RunJson> = toRunJson(run);
  delete json.canonicalLine;
  return json as RunListJson;
}
