import { notFound } from 'next/navigation';
import { requirePageAuth } from '@/lib/auth/pageAuth';
import { getAppDatabase } from '@/lib/db/appDatabase';
import { toRunJson } from '@/lib/api/runJson';
import { RunView } from '@/components/RunView';

export const dynamic = 'force-dynamic';

/** One run: live progress, then its tables and workbook or its error. Another org's run is a 404. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await requirePageAuth();
  const { id } = await params;
  const run = getAppDatabase().runs.get(id, auth.orgId);
  if (!run) notFound();
  return <RunView initial={toRunJson(run)} />;
}
