import { apiError } from '@/lib/webRuns/apiResponses';
import { requireRun } from '@/lib/webRuns/requireRun';
import { readTablesFile } from '@/lib/webRuns/readTablesFile';
import { parseTablePaging, tableIndexPage } from '@/lib/webRuns/tableIndex';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The run's computed tables (from its tables.json); 404 until the run has written them. Without a query: every
 * table (CrosstabTable[]). With `?offset=&limit=`: one page of the index (titles and sizes, no cells), the total first.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  const paging = parseTablePaging(new URL(req.url).searchParams);
  if (paging && 'error' in paging) return apiError(400, 'bad_query', paging.error);
  if (!found.run.tablesPath) return apiError(404, 'no_tables', 'This run has no tables.');
  let tables;
  try {
    tables = await readTablesFile(found.run.tablesPath);
  } catch {
    return apiError(404, 'no_tables', 'The tables file of this run is no longer available.');
  }
  const body = paging ? tableIndexPage(tables, paging.offset, paging.limit) : tables;
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
}
