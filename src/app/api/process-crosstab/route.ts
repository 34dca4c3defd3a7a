import { getWebSettings } from '@/lib/settings/webSettings';
import { authenticateRequest, canRunPipelines } from '@/lib/auth';
import { getAppStore } from '@/lib/db/appStore';
import { apiError, unauthorized } from '@/lib/webRuns/apiResponses';
import { listExamples } from '@/lib/webRuns/examples';
import { handleUpload } from '@/lib/webRuns/handleUpload';
import { getOrchestrator } from '@/lib/webRuns/orchestratorInstance';
import { logAgentExecution } from '@/lib/tracing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Start a run from an upload (multipart, fields UPLOAD_FILE_FIELDS of uploadRules) or a bundled example (example=<name>); answers 202 { runId }. */
export async function POST(req: Request): Promise<Response> {
  const auth = await authenticateRequest(req);
  if (!auth) return unauthorized();
  if (!canRunPipelines(auth)) return apiError(403, 'forbidden', 'Your role cannot start runs.');
  const env = getWebSettings();
  const { runs } = await getAppStore();
  const orchestrator = await getOrchestrator();
  return handleUpload(req, auth, {
    runs,
    uploadRoot: env.UPLOAD_ROOT,
    maxBytes: env.UPLOAD_MAX_BYTES,
    examples: listExamples(),
    start: (request) => {
      void orchestrator.runPipelineFromUpload(request);
    },
    log: (details) => logAgentExecution('UploadHandler', { ...details }),
  });
}
