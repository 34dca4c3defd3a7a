import { authenticateRequest, type AuthContext } from '@/lib/auth';
import { getAppStore } from '@/lib/db/appStore';
import type { RunRecord } from '@/lib/db/RunRecord';
import { runNotFound, unauthorized } from './apiResponses';

/** Authenticate the request and load the run if it belongs to the caller's org; otherwise the 401/404 response to send. */
export async function requireRun(req: Request, runId: string): Promise<{ auth: AuthContext; run: RunRecord } | { response: Response }> {
  const auth = await authenticateRequest(req);
  if (!auth) return { response: unauthorized() };
  const run = await (await getAppStore()).runs.get(runId, auth.orgId);
  if (!run) return { response: runNotFound() };
  return { auth, run };
}
