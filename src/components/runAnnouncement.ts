import type { RunJson } from '@/lib/webRuns/runJson';

/** What the page's status region says about the run: its stage while running, then how it ended. */
export function runAnnouncement(run: RunJson): string {
  switch (run.status) {
    case 'queued':
      return 'The run is waiting for a free slot.';
    case 'running':
      return run.stage ? `Running: ${run.stage}.` : 'The run has started.';
    case 'cancelled':
      return 'The run was cancelled.';
    case 'error':
      return `The run failed${run.error?.stage ? ` in ${run.error.stage}` : ''}: ${run.error?.message ?? 'unknown error'}`;
    case 'success': {
      const tables = `${run.tableCount ?? 0} tables`;
      const warnings = run.summary && run.summary.warnings > 0 ? `, ${run.summary.warnings} warnings` : '';
      return run.outcome === 'partial' ? `The run finished partially${warnings}: ${tables}.` : `The run finished: ${tables}${warnings}.`;
    }
  }
}
