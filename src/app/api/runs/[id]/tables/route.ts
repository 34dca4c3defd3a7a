import { readFile } from 'node:fs/promises';
import { apiError } from '@/lib/api/apiResponses';
import { requireRun } from '@/lib/api/requireRun';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The run's tables.json (CrosstabTable[]); 404 until the run has written it. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  if (!found.run.tablesPath) return apiError(404, 'no_tables', 'This run has no tables.');
  try {
    const body = await readFile(found.run.tablesPath, 'utf8');
    return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  } catch {
    return apiError(404, 'no_tables', 'The tables file of this run is no longer available.');
  }
}
