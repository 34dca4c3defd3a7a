import { apiError } from '@/lib/webRuns/apiResponses';
import { requireRun } from '@/lib/webRuns/requireRun';
import { readTablesFile } from '@/lib/webRuns/readTablesFile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One computed table of the run (a CrosstabTable), by its position in the tables index; 404 past the end. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string; index: string }> }): Promise<Response> {
  const { id, index } = await ctx.params;
  const found = await requireRun(req, id);
  if ('response' in found) return found.response;
  if (!found.run.tablesPath) return apiError(404, 'no_tables', 'This run has no tables.');
  let tables;
  try {
    tables = await readTablesFile(found.run.tablesPath);
  } catch {
    return apiError(404, 'no_tables', 'The tables file of this run is no longer available.');
  }
  const table = /^\d{1,9}$/.test(index) ? tables[Number(index)] : undefined;
  if (!table) return apiError(404, 'no_table', 'This run has no table at that position.');
  return Response.json(table, { headers: { 'Cache-Control': 'private, no-store' } });
}
