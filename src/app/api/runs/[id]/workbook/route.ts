import { readFile } from 'node:fs/promises';
import { apiError } from '@/lib/webRuns/apiResponses';
import { requireRun } from '@/lib/webRuns/requireRun';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Download the run's crosstabs.xlsx. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  if (!found.run.workbookPath) return apiError(404, 'no_workbook', 'This run has no workbook.');
  try {
    const body = await readFile(found.run.workbookPath);
    const fileName = `${found.run.dataset}-${found.run.id}-crosstabs.xlsx`.replace(/[^A-Za-z0-9_.-]/g, '_');
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Content-Length': String(body.byteLength),
        'Cache-Control': 'private, no-store',
      },
    });
  } catch {
    return apiError(404, 'no_workbook', 'The workbook of this run is no longer available.');
  }
}
