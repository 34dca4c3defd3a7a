import { getAppStore } from '@/lib/db/appStore';
import { requireRun } from '@/lib/webRuns/requireRun';
import { toRunJson } from '@/lib/webRuns/runJson';
import { getOrchestrator } from '@/lib/webRuns/orchestratorInstance';
import { FINISHED_STATUSES, type RunRecord } from '@/lib/db/RunRecord';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for one run: `run` carries the whole run record after every change (first one at
 * once), `pipeline` forwards the run's pipeline events (stages, agent calls), from whichever process runs it. The stream ends when the run does.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await requireRun(req, (await ctx.params).id);
  if ('response' in found) return found.response;
  const { auth, run } = found;
  const orchestrator = await getOrchestrator();
  const { runs } = await getAppStore();
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close();
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const sendRun = (record: RunRecord) => {
        send('run', toRunJson(record));
        if (FINISHED_STATUSES.includes(record.status)) close();
      };
      let changed = false;

      const unsubscribeRun = orchestrator.subscribe(run.id, (record) => {
        changed = true;
        sendRun(record);
      });
      const unsubscribeBus = orchestrator.subscribeEvents(run.id, (event) => send('pipeline', event));
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribeRun();
        unsubscribeBus();
        clearInterval(heartbeat);
        req.signal.removeEventListener('abort', close);
      };
      req.signal.addEventListener('abort', close);
      // Read again after subscribing, so a change between the first read and the subscription is not lost. A record
      // that came through the subscription meanwhile is whole and newer: the read then adds nothing.
      void runs
        .get(run.id, auth.orgId)
        .catch(() => null)
        .then((record) => {
          if (!changed) sendRun(record ?? run);
        });
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the response out of compression, which would buffer the stream.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
