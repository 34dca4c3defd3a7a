import type { CrosstabTable } from '@/lib/core/types';

const PREVIEW_ROWS = 15;

function formatPercent(percent: number | null): string {
  return percent === null ? '–' : `${percent.toFixed(0)}%`;
}

/** One computed table: column percents per banner column, with bases; long tables are cut to a preview. Its scroll box is focusable and named, so a keyboard can scroll it. */
export function TablePreview({ table }: { table: CrosstabTable }) {
  const rows = table.rows.slice(0, PREVIEW_ROWS);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Table: ${table.title}`}>
      <table className="crosstab">
        <caption className="sr-only">{table.title}</caption>
        <thead>
          <tr>
            <td />
            {table.columns.map((c) => (
              <th key={c.id} title={c.group}>
                {c.label}
                {c.letter && <span className="letter"> ({c.letter})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="base">
            <th>{table.baseLabel || 'Base'}</th>
            {table.bases.map((b, i) => (
              <td key={i}>{Math.round(b)}</td>
            ))}
          </tr>
          {rows.map((row) => (
            <tr key={row.id} className={row.isNet ? 'net' : undefined}>
              <th>{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} title={`n = ${Math.round(cell.count)}`}>
                  {formatPercent(cell.percent)}
                  {cell.sig && cell.sig.length > 0 && <sup>{cell.sig.join('')}</sup>}
                </td>
              ))}
            </tr>
          ))}
          {table.stats?.map((s) => (
            <tr key={s.label} className="stat">
              <th>{s.label}</th>
              {s.values.map((v, i) => (
                <td key={i}>{v === null ? '–' : v.toFixed(2)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.notes?.map((note) => (
        <p key={note} className="hint">
          Note: {note}
        </p>
      ))}
      {table.rows.length > PREVIEW_ROWS && (
        <p className="hint">
          Showing {PREVIEW_ROWS} of {table.rows.length} rows; the workbook has them all.
        </p>
      )}
    </div>
  );
}
