import { createHash } from 'node:crypto';
import type { AuthContext } from '@/lib/auth/AuthContext';
import type { RunStore } from '@/lib/db/runStore';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';
import { newRunId } from '@/lib/pipeline/runId';
import { apiError } from './apiResponses';
import type { ExampleDataset } from './examples';
import type { RunRequest, UploadSummary } from './runRequest';
import { EXAMPLE_FIELD, looksLikeSav, notASavProblem, UPLOAD_FILE_FIELDS, validateUpload, type UploadFileField, type UploadProblem } from './uploadRules';
import { datasetNameFromFile, removeUpload, storeUpload, type ReceivedFile } from './uploadStore';

/** What the upload handler needs. */
export interface UploadDeps {
  runs: RunStore;
  uploadRoot: string;
  maxBytes: number;
  examples: ExampleDataset[];
  /** Start the run in the background (must not throw or reject). */
  start: (req: RunRequest) => void;
  /** Told about each accepted upload (no personal data). */
  log: (details: UploadSummary) => void;
  newId?: () => string;
  /** Epoch-ms clock (default Date.now): when the upload arrived. */
  now?: () => number;
}

// Multipart framing overhead allowed on top of the per-file limits before the body is even parsed.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

function problemResponse(p: UploadProblem): Response {
  return apiError(p.status, p.code, p.message, { field: p.field });
}

/** Pick a form value as a real, chosen file (browsers send an empty unnamed part for an empty file input). */
function fileField(form: FormData, name: string): File | undefined {
  const value = form.get(name);
  if (typeof value === 'string' || value === null) return undefined;
  if (value.name === '' && value.size === 0) return undefined;
  return value;
}

/**
 * Validate, store and start one upload (POST /api/process-crosstab). Nothing is stored and no run is
 * created unless the whole upload is valid; answers 202 `{ runId }`.
 */
export async function handleUpload(req: Request, auth: AuthContext, deps: UploadDeps): Promise<Response> {
  const receivedAt = (deps.now ?? Date.now)();
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > deps.maxBytes * UPLOAD_FILE_FIELDS.length + FORM_OVERHEAD_BYTES) {
    return apiError(413, 'file_too_large', `The upload is too large; the limit is ${Math.round(deps.maxBytes / (1024 * 1024))} MB per file.`, { field: null });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return apiError(
      400,
      'bad_request',
      `Send the files as multipart/form-data (fields ${UPLOAD_FILE_FIELDS.join(', ')}) or a form with ${EXAMPLE_FIELD}=<name>.`,
    );
  }
  const files = Object.fromEntries(UPLOAD_FILE_FIELDS.map((f) => [f, fileField(form, f)])) as Record<UploadFileField, File | undefined>;
  const exampleValue = form.get(EXAMPLE_FIELD);
  const example = typeof exampleValue === 'string' && exampleValue !== '' ? exampleValue : undefined;

  const problem = validateUpload(
    { ...files, ...(example === undefined ? {} : { example }) },
    { maxBytes: deps.maxBytes, examples: deps.examples.map((e) => e.name) },
  );
  if (problem) return problemResponse(problem);

  const key = idempotencyKey(req);
  if (key === 'invalid') return apiError(400, 'bad_request', 'Idempotency-Key must be 1 to 200 visible characters.', { field: null });
  // A retried request with the same key names the same run: it gets that run, never a second one.
  const runId = key ? idempotentRunId(auth.orgId, key) : (deps.newId ?? newRunId)();
  if (key) {
    const existing = await deps.runs.getById(runId);
    if (existing) return accepted(existing.id, existing.status);
  }
  let inputs: PipelineInputs;
  let inputDir: string | null = null;
  let bytes = 0;
  let fileCount = 0;
  if (example !== undefined) {
    const found = deps.examples.find((e) => e.name === example);
    if (!found) return apiError(400, 'unknown_example', `There is no bundled example named “${example}”.`, { field: EXAMPLE_FIELD });
    inputs = found.inputs;
    fileCount = 1 + (found.hasBanner ? 1 : 0) + (found.hasSurvey ? 1 : 0);
  } else {
    const received: ReceivedFile[] = [];
    for (const field of UPLOAD_FILE_FIELDS) {
      const file = files[field];
      if (!file) continue;
      const content = new Uint8Array(await file.arrayBuffer());
      if (field === 'dataFile' && !looksLikeSav(content)) return problemResponse(notASavProblem(file.name));
      received.push({ field, name: file.name, bytes: content });
      bytes += content.byteLength;
    }
    fileCount = received.length;
    const stored = await storeUpload(deps.uploadRoot, runId, received, datasetNameFromFile(files.dataFile?.name ?? 'upload'));
    inputs = stored.inputs;
    inputDir = stored.dir;
  }

  let created: { record: { id: string; status: string }; created: boolean };
  try {
    created = await deps.runs.createIfAbsent({
      id: runId,
      orgId: auth.orgId,
      userId: auth.userId,
      dataset: inputs.datasetName,
      inputKind: example === undefined ? 'upload' : 'example',
      inputDir,
    });
  } catch (err) {
    if (inputDir) await removeUpload(inputDir);
    throw err;
  }
  if (!created.created) {
    // The same key raced another request: that one made the run.
    if (inputDir) await removeUpload(inputDir);
    return accepted(created.record.id, created.record.status);
  }
  const upload: UploadSummary = { dataset: inputs.datasetName, fileCount, bytes, kind: example === undefined ? 'upload' : 'example', receivedAt };
  deps.log(upload);
  deps.start({ runId, orgId: auth.orgId, userId: auth.userId, inputs, upload });
  return accepted(runId, 'queued');
}

/** The 202 answer naming the run. */
function accepted(runId: string, status: string): Response {
  return Response.json({ runId, status, url: `/runs/${encodeURIComponent(runId)}` }, { status: 202 });
}

/** The request's Idempotency-Key: none, a usable key, or 'invalid'. */
function idempotencyKey(req: Request): string | null | 'invalid' {
  const raw = req.headers.get('idempotency-key');
  if (raw === null) return null;
  const key = raw.trim();
  return key.length >= 1 && key.length <= 200 && /^[\x21-\x7e]+$/.test(key) ? key : 'invalid';
}

/** The run id an idempotency key names within an org (the same for every retry of the request). */
function idempotentRunId(orgId: string, key: string): string {
  return `req-${createHash('sha256').update(`${orgId}\u0000${key}`).digest('hex').slice(0, 24)}`;
}
