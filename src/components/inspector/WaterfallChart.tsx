import type { CallBar, StageRow, StageRowState, Waterfall } from './waterfallTypes';
import { formatCount, formatMs, formatUsd } from './format';

const ICONS: Record<StageRowState, string> = { pending: '○', 'not-run': '○', running: '◐', ok: '●', skipped: '–', error: '✕', cancelled: '■' };
const LABELS: Record<StageRowState, string> = {
  pending: 'pending',
  'not-run': 'not run',
  running: 'running',
  ok: 'ok',
  skipped: 'skipped',
  error: 'failed',
  cancelled: 'cancelled',
};
const TICKS = [0, 0.25, 0.5, 0.75, 1];

const pct = (ms: number, span: number) => `${Math.min(100, Math.max(0, (ms / span) * 100)).toFixed(3)}%`;

/** Where a bar sits on the axis: running bars reach the end of the axis, instant ones stay visible. */
function barStyle(startMs: number, durationMs: number | null, spanMs: number) {
  const width = durationMs === null ? spanMs - startMs : durationMs;
  return { left: pct(startMs, spanMs), width: `max(${pct(width, spanMs)}, 3px)` };
}

function timing(row: StageRow): string {
  if (row.startMs === null) return '';
  if (row.durationMs === null) return `from +${formatMs(row.startMs)}`;
  return `+${formatMs(row.startMs)} · ${formatMs(row.durationMs)}`;
}

function CallRow({ call, spanMs }: { call: CallBar; spanMs: number }) {
  return (
    <li className={`wf-call wf-call-${call.status}`}>
      <span className="wf-label">
        <code>{call.agent}</code> <span className="muted">{call.task}</span>
        {call.status !== 'ok' && <strong className="wf-state"> {call.status}</strong>}
      </span>
      <span className="wf-track" aria-hidden>
        {call.startMs !== null && <span className="wf-bar" style={barStyle(call.startMs, call.durationMs, spanMs)} />}
      </span>
      <span className="wf-time">
        {call.startMs !== null && `+${formatMs(call.startMs)} · `}
        {formatMs(call.durationMs)} · {formatCount(call.inputTokens + call.outputTokens)} tok{call.costUsd !== 0 && ` · ${formatUsd(call.costUsd)}`}
      </span>
    </li>
  );
}

function CallList({ calls, spanMs, label }: { calls: CallBar[]; spanMs: number; label: string }) {
  return (
    <details className="wf-calls">
      <summary>{label}</summary>
      <ol>
        {calls.map((c, i) => (
          <CallRow key={i} call={c} spanMs={spanMs} />
        ))}
      </ol>
    </details>
  );
}

/** The stages of a run on one time axis (concurrent stages overlap), each with its agent calls; every stage is also listed as text. */
export function WaterfallChart({ waterfall }: { waterfall: Waterfall }) {
  const { rows, spanMs, otherCalls } = waterfall;
  return (
    <div className="wf" data-testid="waterfall" data-span-ms={Math.round(spanMs)}>
      <div className="wf-row wf-axis" aria-hidden>
        <span className="wf-label" />
        <span className="wf-track">
          {TICKS.map((t) => (
            <span key={t} className="wf-tick" style={{ left: `${t * 100}%` }}>
              {formatMs(t * spanMs)}
            </span>
          ))}
        </span>
        <span className="wf-time" />
      </div>
      <ol className="wf-rows">
        {rows.map((row) => (
          <li
            key={row.name}
            className={`wf-row wf-${row.state}`}
            data-testid={`stage-${row.name}`}
            data-state={row.state}
            data-start-ms={row.startMs ?? undefined}
            data-duration-ms={row.durationMs ?? undefined}
          >
            <span className="wf-label">
              <span className="wf-icon" aria-hidden>
                {ICONS[row.state]}
              </span>
              <span className="wf-name">{row.name}</span> <span className="wf-state">{LABELS[row.state]}</span>
            </span>
            <span className="wf-track" aria-hidden>
              {row.startMs !== null &&
                (row.state === 'skipped' ? (
                  <span className="wf-mark" style={{ left: pct(row.startMs, spanMs) }} />
                ) : (
                  <span className="wf-bar" style={barStyle(row.startMs, row.durationMs, spanMs)} />
                ))}
            </span>
            <span className="wf-time">{timing(row)}</span>
            {row.note && <span className="wf-note">{row.note}</span>}
            {row.calls.length > 0 && (
              <CallList calls={row.calls} spanMs={spanMs} label={`${row.calls.length} agent call${row.calls.length === 1 ? '' : 's'}`} />
            )}
          </li>
        ))}
      </ol>
      {otherCalls.length > 0 && <CallList calls={otherCalls} spanMs={spanMs} label={`${otherCalls.length} agent calls outside a stage`} />}
    </div>
  );
}
