import { requireRun } from '@/lib/webRuns/requireRun';
import { toRunJson } from '@/lib/webRuns/runJson';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One run record (404 for another org's run); includes the canonical wide-event line once finished. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  return Response.json(toRunJson(found.run), { headers: { 'Cache-Control': 'no-store' } });
}
