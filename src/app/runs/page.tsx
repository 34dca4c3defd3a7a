import type { Metadata } from 'next';
import { requirePageAuth } from '@/lib/auth/pageAuth';
import { getAppStore } from '@/lib/db/appStore';
import { toRunListJson } from '@/lib/webRuns/runJson';
import { RunsTable } from '@/components/RunsTable';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Runs' };

/** The org's runs, newest first, updated live: outcome, duration, calls, tokens, cost, tables and warnings per run. */
export default async function RunsPage() {
  const auth = await requirePageAuth();
  const runs = (await (await getAppStore()).runs.list(auth.orgId)).map(toRunListJson);
  return (
    <div>
      <h1>Runs</h1>
      <RunsTable initial={runs} />
    </div>
  );
}
