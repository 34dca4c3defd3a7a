import { canRunPipelines } from '@/lib/auth';
import { apiError } from '@/lib/webRuns/apiResponses';
import { requireRun } from '@/lib/webRuns/requireRun';
import { toRunJson } from '@/lib/webRuns/runJson';
import { getOrchestrator } from '@/lib/webRuns/orchestratorInstance';
import { getAppStore } from '@/lib/db/appStore';
import { FINISHED_STATUSES } from '@/lib/db/RunRecord';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cancel a queued or running run; 409 when it has already finished. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  if (!canRunPipelines(found.auth)) return apiError(403, 'forbidden', 'Your role cannot cancel runs.');
  if (FINISHED_STATUSES.includes(found.run.status)) {
    return apiError(409, 'already_finished', `The run has already finished (${found.run.status}).`);
  }
  const orchestrator = await getOrchestrator();
  const result = await orchestrator.cancel(found.run.id);
  await orchestrator.settled(found.run.id);
  const run = (await (await getAppStore()).runs.get(found.run.id, found.auth.orgId)) ?? found.run;
  return Response.json({ cancel: result, run: toRunJson(run) }, { status: 202 });
}
