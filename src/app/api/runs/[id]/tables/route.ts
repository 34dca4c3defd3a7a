import { apiError } from '@/lib/api/apiResponses';
import { requireRun } from '@/lib/api/requireRun';
import { readTablesFile } from '@/lib/api/readTablesFile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The run's computed tables (CrosstabTable[], from its tables.json); 404 until the run has written them. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  if (!found.run.tablesPath) return apiError(404, 'no_tables', 'This run has no tables.');
  try {
    const tables = await readTablesFile(found.run.tablesPath);
    return Response.json(tables, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch {
    return apiError(404, 'no_tables', 'The tables file of this run is no longer available.');
  }
}
