'use client';

import { useCallback, useEffect, useState } from 'react';
import type { CrosstabTable } from '@/lib/core/types';
import type { TableIndexEntry, TableIndexPage } from '@/lib/webRuns/tableIndex';
import { errorMessage } from '@/lib/core/errorMessage';
import { TablePreview } from './TablePreview';

const PAGE_SIZE = 50;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** One table of the list: its title first, its cells fetched when opened. */
function TableItem({ entry, tablesUrl }: { entry: TableIndexEntry; tablesUrl: string }) {
  const [table, setTable] = useState<CrosstabTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    if (table || error) return;
    getJson<CrosstabTable>(`${tablesUrl}/${entry.index}`)
      .then(setTable)
      .catch((err: unknown) => setError(`Could not load this table (${errorMessage(err)}).`));
  };
  return (
    <li data-table-index={entry.index}>
      <details onToggle={(e) => (e.currentTarget.open ? load() : undefined)}>
        <summary>
          <span className="table-title">{entry.title}</span>
          <span className="muted small">
            {' '}
            · {entry.baseLabel}
            {entry.lowValue ? ' · low value' : ''}
          </span>
        </summary>
        {error && <p className="alert error">{error}</p>}
        {!table && !error && <p className="muted small">Loading the table…</p>}
        {table && <TablePreview table={table} />}
      </details>
    </li>
  );
}

/** The run's tables, listed a page at a time from the tables index; each table is fetched when opened. */
export function TableList({ tablesUrl }: { tablesUrl: string }) {
  const [entries, setEntries] = useState<TableIndexEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const fetchPage = useCallback(
    (offset: number) =>
      getJson<TableIndexPage>(`${tablesUrl}?offset=${offset}&limit=${PAGE_SIZE}`)
        .then((page) => {
          setTotal(page.total);
          setEntries((list) => [...list.slice(0, offset), ...page.tables]);
        })
        .catch((err: unknown) => setError(`Could not load the tables (${errorMessage(err)}).`))
        .finally(() => setLoading(false)),
    [tablesUrl],
  );

  useEffect(() => {
    void fetchPage(0);
  }, [fetchPage]);

  const more = () => {
    setLoading(true);
    void fetchPage(entries.length);
  };

  if (error) return <p className="alert error">{error}</p>;
  if (total === null) return <p className="muted">Loading tables…</p>;
  return (
    <>
      <ul className="table-list" data-testid="table-list" data-total={total}>
        {entries.map((entry) => (
          <TableItem key={entry.index} entry={entry} tablesUrl={tablesUrl} />
        ))}
      </ul>
      {entries.length < total && (
        <p>
          <button type="button" onClick={more} disabled={loading} data-testid="more-tables">
            {loading ? 'Loading…' : `Show ${Math.min(PAGE_SIZE, total - entries.length)} more tables`}
          </button>{' '}
          <span className="muted small" data-testid="tables-shown">
            {entries.length} of {total} shown
          </span>
        </p>
      )}
    </>
  );
}
