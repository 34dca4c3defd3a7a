import { authenticateRequest } from '@/lib/auth';
import { getAppStore } from '@/lib/db/appStore';
import { unauthorized } from '@/lib/webRuns/apiResponses';
import { toRunJson, toRunListJson } from '@/lib/webRuns/runJson';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's org's runs, newest first; `?view=summary` leaves out the canonical lines (figures stay in `summary`). */
export async function GET(req: Request): Promise<Response> {
  const auth = await authenticateRequest(req);
  if (!auth) return unauthorized();
  const records = await (await getAppStore()).runs.list(auth.orgId);
  const summaryOnly = new URL(req.url).searchParams.get('view') === 'summary';
  const runs = summaryOnly ? records.map(toRunListJson) : records.map(toRunJson);
  return Response.json({ runs }, { headers: { 'Cache-Control': 'no-store' } });
}
