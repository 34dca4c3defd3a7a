import Link from 'next/link';
import { requirePageAuth } from '@/lib/auth/pageAuth';
import { getAppDatabase } from '@/lib/db/appDatabase';
import { StatusBadge } from '@/components/StatusBadge';
import { formatUtc } from '@/components/formatUtc';

export const dynamic = 'force-dynamic';

/** The org's runs, newest first. */
export default async function RunsPage() {
  const auth = await requirePageAuth();
  const runs = getAppDatabase().runs.list(auth.orgId);
  return (
    <div>
      <h1>Runs</h1>
      {runs.length === 0 ? (
        <p className="muted">
          No runs yet. <Link href="/">Start one</Link>.
        </p>
      ) : (
        <table className="runs card" data-testid="runs-table">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Status</th>
              <th>Stage</th>
              <th>Tables</th>
              <th>Created</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(run.id)}`}>{run.dataset}</Link>
                  <div className="muted small">
                    <code>{run.id}</code>
                  </div>
                </td>
                <td>
                  <StatusBadge status={run.status} outcome={run.outcome} />
                </td>
                <td>{run.status === 'running' ? `${run.stage ?? '—'} (${Math.round(run.progress * 100)}%)` : run.error?.stage ?? '—'}</td>
                <td>{run.tableCount ?? '—'}</td>
                <td>{formatUtc(run.createdAt)}</td>
                <td>{run.durationMs === null ? '—' : `${(run.durationMs / 1000).toFixed(1)} s`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
