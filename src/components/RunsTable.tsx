'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { RunListJson } from '@/lib/webRuns/runJson';
import { StatusBadge } from './StatusBadge';
import { formatUtc } from './formatUtc';
import { formatCount, formatMs, formatUsd } from './inspector/format';

/** How often the list asks for news: often while a run is going, rarely otherwise (new runs from elsewhere). */
const BUSY_POLL_MS = 2000;
const IDLE_POLL_MS = 10_000;

function stageText(run: RunListJson): string {
  if (run.status === 'running') return `${run.stage ?? 'starting'} (${Math.round(run.progress * 100)}%)`;
  if (run.status === 'queued') return 'waiting for a slot';
  return run.error?.stage ? `failed in ${run.error.stage}` : '';
}

function costText(run: RunListJson): string {
  if (!run.summary) return '—';
  return `${formatUsd(run.summary.costUsd)}${run.summary.costComplete ? '' : ' +'}`;
}

/** A timestamp that may wrap between its date and its time, never inside either (a browser breaks "2025-06-01" after a hyphen). */
function CreatedAt({ value }: { value: string }) {
  const [date, ...time] = formatUtc(value).split(' ');
  // One element, so a phone's card layout keeps it in one grid cell beside its label.
  return (
    <span>
      <span>{date}</span> <span>{time.join(' ')}</span>
    </span>
  );
}

/** The org's runs, newest first, kept up to date by polling the runs API while the page is visible. */
export function RunsTable({ initial }: { initial: RunListJson[] }) {
  const [runs, setRuns] = useState(initial);
  const busy = runs.some((r) => !r.finished);

  useEffect(() => {
    let stopped = false;
    let sent = 0;
    let applied = 0;
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      const seq = ++sent;
      try {
        const res = await fetch('/api/runs?view=summary', { cache: 'no-store' });
        const json = res.ok ? ((await res.json()) as { runs: RunListJson[] }) : null;
        // A slow answer that arrives after a newer one is dropped, so the list never steps back.
        if (json && !stopped && seq > applied) {
          applied = seq;
          setRuns(json.runs);
        }
      } catch {
        // The next poll tries again.
      }
    };
    void poll();
    const timer = setInterval(poll, busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [busy]);

  if (runs.length === 0) {
    return (
      <p className="muted">
        No runs yet. <Link href="/">Start one</Link>.
      </p>
    );
  }
  // Explicit roles keep the table's semantics where a phone's layout shows each row as a card (display: block).
  // The card scrolls sideways when the columns are wider than the screen (runs-table.css).
  return (
    <div className="runs-scroll card">
      <table className="runs" data-testid="runs-table" role="table">
        <caption className="sr-only">Runs of your organisation, newest first</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              Dataset
            </th>
            <th scope="col" role="columnheader">
              Outcome
            </th>
            <th scope="col" role="columnheader">
              Created
            </th>
            <th scope="col" role="columnheader" className="num">
              Duration
            </th>
            <th scope="col" role="columnheader" className="num">
              Calls
            </th>
            <th scope="col" role="columnheader" className="num">
              Tokens
            </th>
            <th scope="col" role="columnheader" className="num">
              Cost
            </th>
            <th scope="col" role="columnheader" className="num">
              Tables
            </th>
            <th scope="col" role="columnheader" className="num">
              Warnings
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {runs.map((run) => (
            <tr role="row" key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status}>
              <th scope="row" role="rowheader">
                <Link href={`/runs/${encodeURIComponent(run.id)}`}>{run.dataset}</Link>
                <div className="muted small">
                  <code>{run.id}</code>
                </div>
              </th>
              <td role="cell" data-label="Outcome" data-testid="run-outcome">
                <div>
                  <StatusBadge status={run.status} outcome={run.outcome} />
                  {stageText(run) && <div className="muted small">{stageText(run)}</div>}
                </div>
              </td>
              <td role="cell" className="created" data-label="Created">
                <CreatedAt value={run.createdAt} />
              </td>
              <td role="cell" className="num" data-label="Duration" data-testid="run-duration">
                {run.durationMs === null ? '—' : formatMs(run.durationMs)}
              </td>
              <td role="cell" className="num" data-label="Calls" data-testid="run-calls">
                {run.summary ? formatCount(run.summary.agentCalls) : '—'}
              </td>
              <td role="cell" className="num" data-label="Tokens" data-testid="run-tokens">
                {run.summary ? formatCount(run.summary.totalTokens) : '—'}
              </td>
              <td role="cell" className="num" data-label="Cost" data-testid="run-cost">
                {costText(run)}
              </td>
              <td role="cell" className="num" data-label="Tables">
                {run.tableCount ?? '—'}
              </td>
              <td role="cell" className="num" data-label="Warnings">
                {run.summary ? formatCount(run.summary.warnings) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
