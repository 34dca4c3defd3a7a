import { authenticateRequest } from '@/lib/auth';
import { getAppDatabase } from '@/lib/db/appDatabase';
import { unauthorized } from '@/lib/api/apiResponses';
import { toRunJson } from '@/lib/api/runJson';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's org's runs, newest first. */
export async function GET(req: Request): Promise<Response> {
  const auth = await authenticateRequest(req);
  if (!auth) return unauthorized();
  const runs = getAppDatabase().runs.list(auth.orgId).map(toRunJson);
  return Response.json({ runs }, { headers: { 'Cache-Control': 'no-store' } });
}
