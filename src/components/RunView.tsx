'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunJson } from '@/lib/webRuns/runJson';
import { RunHeader } from './RunHeader';
import { TableList } from './TableList';
import { useRunStream } from './useRunStream';
import { runAnnouncement } from './runAnnouncement';
import { takeHeadingFocus } from './pendingFocus';
import { readLine } from './inspector/lineView';
import { liveWaterfall } from './inspector/liveWaterfall';
import { AgentsCard, LineFigures, TimelineCard } from './inspector/RunInspector';
import { ErrorPanel } from './inspector/ErrorPanel';
import { TracePanel } from './inspector/TracePanel';

const TICK_MS = 1000;

/** Milliseconds since the run started, ticking while it runs (null before the first tick, so server and client render alike). */
function useElapsed(run: RunJson): number | null {
  const [elapsed, setElapsed] = useState<number | null>(null);
  const startedAt = run.startedAt;
  const running = run.status === 'running';
  useEffect(() => {
    if (!running || !startedAt) return;
    const timer = setInterval(() => setElapsed(Date.now() - Date.parse(startedAt)), TICK_MS);
    return () => clearInterval(timer);
  }, [running, startedAt]);
  return running ? elapsed : null;
}

/** Whether focus has nowhere useful to be: on the page itself, or on a control that just went away or was disabled. */
function focusIsLost(heading: HTMLElement | null): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === heading || !active.isConnected || (active as HTMLButtonElement).disabled === true;
}

/**
 * One run, inspected: live progress over server-sent events and a live timeline, then, from the run's canonical line,
 * the stage waterfall with the agent calls of each stage, per-agent figures, totals, warnings, the error with its
 * causes, the trace and the line itself; and the result (tables, workbook).
 */
export function RunView({ initial, sentryOrgUrl }: { initial: RunJson; sentryOrgUrl: string | null }) {
  const { run, setRun, activity, agentCalls, live } = useRunStream(initial);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  const wasFinished = useRef(initial.finished);
  const line = useMemo(() => readLine(run.canonicalLine), [run.canonicalLine]);
  const nowMs = useElapsed(run);
  const waterfall = line ? line.waterfall : liveWaterfall(run.stages, nowMs);

  useEffect(() => {
    if (takeHeadingFocus(`/runs/${initial.id}`)) headingRef.current?.focus();
  }, [initial.id]);

  useEffect(() => {
    if (!run.finished || wasFinished.current) return;
    wasFinished.current = true;
    if (focusIsLost(headingRef.current)) (outcomeRef.current ?? headingRef.current)?.focus();
  }, [run.finished]);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    headingRef.current?.focus();
    try {
      const res = await fetch(`/api/runs/${encodeURIComponent(run.id)}/cancel`, { method: 'POST' });
      const json = (await res.json().catch(() => null)) as { run?: RunJson; error?: { message?: string } } | null;
      // The stream may already have brought the run's end: an answer read before it never takes the page back.
      const answered = json?.run;
      if (res.ok && answered) return setRun((current) => (current.finished ? current : answered));
      if (!res.ok) setCancelError(json?.error?.message ?? `Cancel failed (HTTP ${res.status}).`);
    } catch {
      setCancelError('The server could not be reached.');
    }
    setCancelling(false);
  }

  const error = line?.error ?? (run.error ? { ...run.error, causes: [] } : null);
  return (
    <div className="run-view">
      <p className="sr-only" role="status" data-testid="run-announcer">
        {runAnnouncement(run)}
      </p>
      <RunHeader
        run={run}
        agentCalls={agentCalls}
        live={live}
        cancelling={cancelling && !run.finished}
        cancelError={cancelError}
        onCancel={cancel}
        headingRef={headingRef}
      />

      {run.finished && run.status === 'error' && error && <ErrorPanel error={error} headingRef={outcomeRef} />}
      {run.status === 'cancelled' && (
        <section className="card alert notice" data-testid="cancelled-notice" aria-labelledby="cancelled-heading">
          <h2 id="cancelled-heading" tabIndex={-1} ref={outcomeRef}>
            This run was cancelled.
          </h2>
        </section>
      )}
      {line && <LineFigures line={line} />}

      <div className={run.finished ? 'run-grid single' : 'run-grid'}>
        <TimelineCard waterfall={waterfall} line={line} />
        {!run.finished && (
          <section className="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading">Agent activity</h2>
            {activity.length === 0 ? (
              <p className="muted">No agent calls yet.</p>
            ) : (
              <ul className="activity" data-testid="agent-activity">
                {activity.map((a, i) => (
                  <li key={`${a.at}-${i}`}>
                    <code>{a.agent}</code> {a.task} <span className={`pill pill-${a.status}`}>{a.status}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>

      {line && <AgentsCard line={line} />}

      {run.finished && run.status === 'success' && (
        <section className="card" data-testid="result" aria-labelledby="result-heading">
          <div className="run-head">
            <h2 id="result-heading" tabIndex={-1} ref={outcomeRef}>
              {run.tableCount ?? 0} tables
            </h2>
            {run.outputs.workbook && (
              <a className="button primary" href={run.outputs.workbook} download data-testid="download-workbook">
                Download crosstabs.xlsx
              </a>
            )}
          </div>
          {run.outputs.tables && <TableList tablesUrl={run.outputs.tables} />}
        </section>
      )}

      {line && <TracePanel line={line} sentryOrgUrl={sentryOrgUrl} downloadUrl={run.outputs.line} />}
    </div>
  );
}
