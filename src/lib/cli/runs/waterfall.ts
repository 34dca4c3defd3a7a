import { maxOf } from '@/lib/core/maxOf';
import { terminalSafe } from '@/lib/core/terminalSafe';
import type { CanonicalLine } from '@/lib/observability/line';
import { formatCount, formatMs } from './runFormat';
import { textTable, type Align } from './textTable';
import type { StageStatus } from '@/lib/core/vocabulary';

/** One stage on the run's time axis. */
export interface WaterfallRow {
  name: string;
  status: StageStatus;
  startOffsetMs: number;
  durationMs: number;
  endOffsetMs: number;
  /** Agent calls of this stage among the line's kept calls. */
  agentCalls: number;
  /** Why it was skipped or cancelled, or its error. */
  note?: string;
}

/** How each status is drawn. */
export const BAR_CHARS = { ok: '█', error: '▓', cancelled: '░', skipped: '·' } as const;

/** Narrowest and widest time axis, in characters. */
const MIN_AXIS = 20;
const MAX_AXIS = 80;
const MAX_NOTE = 60;

/** The stages of a line as waterfall rows, in the order they started (the line's order). */
export function waterfallRows(line: CanonicalLine): WaterfallRow[] {
  const callsByStage = new Map<string | undefined, number>();
  for (const c of line.agentCalls) callsByStage.set(c.stage, (callsByStage.get(c.stage) ?? 0) + 1);
  return line.stages.map((s) => ({
    name: s.name,
    status: s.status,
    startOffsetMs: s.startOffsetMs,
    durationMs: s.durationMs,
    endOffsetMs: s.startOffsetMs + s.durationMs,
    agentCalls: callsByStage.get(s.name) ?? 0,
    ...((s.error ?? s.reason) ? { note: s.error ?? s.reason } : {}),
  }));
}

/** The span of the axis: the run's duration, or the last stage end when that is later. */
function axisSpan(line: CanonicalLine, rows: readonly WaterfallRow[]): number {
  return maxOf(
    rows.map((r) => r.endOffsetMs),
    Math.max(1, line.durationMs),
  );
}

/** One stage's bar: the columns of its time on an axis `width` characters wide (at least one, even for an instant). */
export function stageBar(row: WaterfallRow, span: number, width: number): string {
  const cells = Array.from({ length: width }, () => ' ');
  const from = Math.min(width - 1, Math.floor((row.startOffsetMs / span) * width));
  const to = Math.min(width, Math.max(from + 1, Math.ceil((row.endOffsetMs / span) * width)));
  const char = BAR_CHARS[row.status];
  for (let i = from; i < (row.status === 'skipped' ? from + 1 : to); i += 1) cells[i] = char;
  return cells.join('');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The stages as a text waterfall on one time axis (concurrent stages overlap), fitted to `columns` characters, with a
 * legend. `estimatedFrom` (the schema version of a line written without start offsets) notes that the stages are drawn
 * end to end.
 */
export function renderWaterfall(line: CanonicalLine, columns: number, estimatedFrom?: number): string[] {
  const rows = waterfallRows(line);
  const span = axisSpan(line, rows);
  const left = textTable(
    [
      ['stage', 'status', 'start', 'duration', 'calls'],
      ...rows.map((r) => [r.name, r.status, `+${formatMs(r.startOffsetMs)}`, r.status === 'skipped' ? '-' : formatMs(r.durationMs), formatCount(r.agentCalls)]),
    ],
    ['left', 'left', 'right', 'right', 'right'] satisfies Align[],
  );
  const leftWidth = maxOf(
    left.map((l) => l.length),
    0,
  );
  const width = Math.max(MIN_AXIS, Math.min(MAX_AXIS, columns - leftWidth - 4));
  const end = formatMs(span);
  const axis = `0${end.padStart(width - 1)}`;
  const lines = [`${left[0]!.padEnd(leftWidth)}  ${axis}`];
  rows.forEach((row, i) => {
    const note = row.note && row.status !== 'ok' ? `  ${clip(terminalSafe(row.note), MAX_NOTE)}` : '';
    lines.push(`${left[i + 1]!.padEnd(leftWidth)} │${stageBar(row, span, width)}│${note}`);
  });
  lines.push(`${''.padEnd(leftWidth)}  ${BAR_CHARS.ok} ok  ${BAR_CHARS.error} error  ${BAR_CHARS.cancelled} cancelled  ${BAR_CHARS.skipped} skipped`);
  if (line.agentCallsTruncated)
    lines.push(
      `calls per stage count the ${formatCount(line.agentCallsTruncated.kept)} calls kept in the line, of ${formatCount(line.agentCallsTruncated.total)}`,
    );
  if (estimatedFrom !== undefined) lines.push(`schema ${estimatedFrom} lines have no stage start offsets: stages are drawn one after another`);
  return lines;
}
