import type { Ref } from 'react';
import type { RunJson } from '@/lib/webRuns/runJson';
import { StatusBadge } from './StatusBadge';
import { CancelButton } from './CancelButton';
import { formatUtc } from './formatUtc';

/** What the progress bar's value means, in words (its aria-valuetext). */
export function progressText(run: RunJson, agentCalls: number): string {
  const percent = Math.round(run.progress * 100);
  if (run.status === 'queued') return 'Waiting for a free slot…';
  if (run.finished) return `Finished: ${run.outcome ?? run.status}`;
  return `${percent}% · ${run.stage ?? 'starting'}${agentCalls > 0 ? ` · ${agentCalls} agent calls` : ''}`;
}

/** The run's heading, status, cancel button and progress bar. */
export function RunHeader(props: {
  run: RunJson;
  agentCalls: number;
  live: boolean;
  cancelling: boolean;
  cancelError: string | null;
  onCancel: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { run, agentCalls, live, cancelling, cancelError, onCancel, headingRef } = props;
  const percent = Math.round(run.progress * 100);
  const text = progressText(run, agentCalls);
  return (
    <section className="card" aria-labelledby="run-heading">
      <div className="run-head">
        <div className="run-title">
          <h1 id="run-heading" tabIndex={-1} ref={headingRef}>
            {run.dataset}
          </h1>
          <p className="muted">
            Run <code>{run.id}</code> · created {formatUtc(run.createdAt)}
            {run.durationMs !== null && ` · ${(run.durationMs / 1000).toFixed(1)} s`}
          </p>
        </div>
        <div className="run-actions">
          <StatusBadge status={run.status} outcome={run.outcome} />
          {!run.finished && <CancelButton busy={cancelling} onConfirm={onCancel} />}
        </div>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        data-testid="progress"
      >
        <div className={`progress-bar progress-${run.status}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="muted small" data-testid="progress-text">
        {text}
        {!run.finished && (live ? ' · live' : '')}
      </p>
      {cancelError && (
        <p className="alert error" role="alert">
          {cancelError}
        </p>
      )}
    </section>
  );
}
