import type { RunJson } from '@/lib/webRuns/runJson';

/** A coloured label for a run's status (and a partial outcome). */
export function StatusBadge({ status, outcome }: { status: RunJson['status']; outcome?: RunJson['outcome'] }) {
  const label = status === 'success' && outcome === 'partial' ? 'partial' : status;
  return (
    <span className={`badge badge-${label}`} data-testid="run-status">
      {label}
    </span>
  );
}
