'use client';

import { useEffect, useState } from 'react';
import type { RunJson } from '@/lib/api/runJson';
import type { CrosstabTable } from '@/lib/core/types';
import { StageList } from './StageList';
import { StatusBadge } from './StatusBadge';
import { TablePreview } from './TablePreview';
import { formatUtc } from './formatUtc';
import { errorMessage } from '@/lib/core/errorMessage';

interface AgentActivity {
  agent: string;
  task: string;
  status: string;
  at: number;
}

const MAX_ACTIVITY = 6;

/** Live view of one run: progress pushed over server-sent events, then the result (tables, workbook) or the error. */
export function RunView({ initial }: { initial: RunJson }) {
  const [run, setRun] = useState(initial);
  const [activity, setActivity] = useState<AgentActivity[]>([]);
  const [agentCalls, setAgentCalls] = useState(0);
  const [tables, setTables] = useState<CrosstabTable[] | null>(null);
  const [tablesError, setTablesError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (initial.finished) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(initial.id)}/events`);
    source.onopen = () => setLive(true);
    source.addEventListener('run', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as RunJson;
      setRun(next);
      if (next.finished) {
        source.close();
        setLive(false);
      }
    });
    source.addEventListener('pipeline', (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as { type: string; agent?: string; task?: string; status?: string; at: number };
      if (event.type !== 'agent:progress' || !event.agent) return;
      if (event.status === 'done') setAgentCalls((n) => n + 1);
      const item = { agent: event.agent, task: event.task ?? '', status: event.status ?? '', at: event.at };
      setActivity((list) => [item, ...list].slice(0, MAX_ACTIVITY));
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [initial.id, initial.finished]);

  const tablesUrl = run.outputs.tables;
  useEffect(() => {
    if (!tablesUrl) return;
    let active = true;
    fetch(tablesUrl)
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return (await res.json()) as CrosstabTable[];
      })
      .then((t) => active && setTables(t))
      .catch((err: unknown) => active && setTablesError(`Could not load the tables (${errorMessage(err)}).`));
    return () => {
      active = false;
    };
  }, [tablesUrl]);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    try {
      const res = await fetch(`/api/runs/${encodeURIComponent(run.id)}/cancel`, { method: 'POST' });
      const json = (await res.json().catch(() => null)) as { run?: RunJson; error?: { message?: string } } | null;
      if (res.ok && json?.run) setRun(json.run);
      else if (!res.ok) setCancelError(json?.error?.message ?? `Cancel failed (HTTP ${res.status}).`);
    } catch {
      setCancelError('The server could not be reached.');
    }
  }

  const percent = Math.round(run.progress * 100);
  return (
    <div className="run-view">
      <section className="card">
        <div className="run-head">
          <div>
            <h1>{run.dataset}</h1>
            <p className="muted">
              Run <code>{run.id}</code> · created {formatUtc(run.createdAt)}
              {run.durationMs !== null && ` · ${(run.durationMs / 1000).toFixed(1)} s`}
            </p>
          </div>
          <div className="run-actions">
            <StatusBadge status={run.status} outcome={run.outcome} />
            {!run.finished && (
              <button type="button" className="danger" onClick={cancel} disabled={cancelling} data-testid="cancel-run">
                {cancelling ? 'Cancelling…' : 'Cancel run'}
              </button>
            )}
          </div>
        </div>
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="progress">
          <div className={`progress-bar progress-${run.status}`} style={{ width: `${percent}%` }} />
        </div>
        <p className="muted small" data-testid="progress-text">
          {run.status === 'queued' && 'Waiting for a free slot…'}
          {run.status === 'running' && `${percent}% · ${run.stage ?? 'starting'}${agentCalls > 0 ? ` · ${agentCalls} agent calls` : ''}`}
          {run.finished && `Finished: ${run.outcome ?? run.status}`}
          {!run.finished && (live ? ' · live' : '')}
        </p>
        {cancelError && <p className="alert error">{cancelError}</p>}
      </section>

      {run.error && (
        <section className="card alert error" data-testid="error-summary">
          <h2>The run failed</h2>
          <p>
            <strong>{run.error.type}</strong>
            {run.error.stage && <> in stage <code>{run.error.stage}</code></>}: {run.error.message}
          </p>
        </section>
      )}
      {run.status === 'cancelled' && (
        <section className="card alert notice" data-testid="cancelled-notice">
          This run was cancelled.
        </section>
      )}

      <div className={run.finished ? 'run-grid single' : 'run-grid'}>
        <section className="card">
          <h2>Stages</h2>
          <StageList stages={run.stages} finished={run.finished} />
        </section>
        {!run.finished && (
          <section className="card">
            <h2>Agent activity</h2>
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

      {run.finished && run.status === 'success' && (
        <section className="card" data-testid="result">
          <div className="run-head">
            <h2>
              {run.tableCount ?? 0} tables
            </h2>
            {run.outputs.workbook && (
              <a className="button primary" href={run.outputs.workbook} download data-testid="download-workbook">
                Download crosstabs.xlsx
              </a>
            )}
          </div>
          {tablesError && <p className="alert error">{tablesError}</p>}
          {!tables && !tablesError && run.outputs.tables && <p className="muted">Loading tables…</p>}
          {tables && (
            <ul className="table-list" data-testid="table-list">
              {tables.map((t) => (
                <li key={t.tableId}>
                  <details>
                    <summary>
                      <span className="table-title">{t.title}</span>
                      <span className="muted small"> · {t.baseLabel}{t.lowValue ? ' · low value' : ''}</span>
                    </summary>
                    <TablePreview table={t} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
