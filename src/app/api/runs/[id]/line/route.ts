import { apiError } from '@/lib/webRuns/apiResponses';
import { requireRun } from '@/lib/webRuns/requireRun';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Download the run's canonical line (one JSON line, as printed on stdout); 404 until the run has finished. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  const { run } = found;
  if (run.finishedAt === null || !run.canonicalLine) return apiError(404, 'no_line', 'This run has no canonical line yet.');
  const fileName = `${run.dataset}-${run.id}.canonical.jsonl`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return new Response(`${run.canonicalLine}\n`, {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
