import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getPageAuth, requirePageAuth } from '@/lib/auth/pageAuth';
import { getAppStore } from '@/lib/db/appStore';
import { toRunJson } from '@/lib/webRuns/runJson';
import { getWebSettings } from '@/lib/settings/webSettings';
import { RunView } from '@/components/RunView';

export const dynamic = 'force-dynamic';

/** The page title names the run's dataset (only for the run's own org). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const auth = await getPageAuth();
  const run = auth ? await (await getAppStore()).runs.get((await params).id, auth.orgId) : null;
  return { title: run ? `Run of ${run.dataset}` : 'Not found' };
}

/** One run, inspected: live progress, then its timeline, figures, trace and canonical line, its tables and workbook or its error. Another org's run is a 404. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await requirePageAuth();
  const { id } = await params;
  const run = await (await getAppStore()).runs.get(id, auth.orgId);
  if (!run) notFound();
  return <RunView initial={toRunJson(run)} sentryOrgUrl={getWebSettings().SENTRY_ORG_URL ?? null} />;
}
