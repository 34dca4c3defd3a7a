import type { CrosstabTable } from '@/lib/core/types';

/** One table as the tables index lists it: what a list needs, without the cells. */
export interface TableIndexEntry {
  /** Position in the run's export order; GET /api/runs/<id>/tables/<index> answers the whole table. */
  index: number;
  tableId: string;
  title: string;
  baseLabel: string;
  lowValue: boolean;
  rowCount: number;
  columnCount: number;
}

/** One page of the tables index. */
export interface TableIndexPage {
  total: number;
  offset: number;
  limit: number;
  tables: TableIndexEntry[];
}

/** Default and largest page size of the tables index. */
export const TABLE_PAGE_DEFAULT = 50;
export const TABLE_PAGE_MAX = 500;

/** The page of the index from `offset`, at most `limit` entries. */
export function tableIndexPage(tables: readonly CrosstabTable[], offset: number, limit: number): TableIndexPage {
  const page = tables.slice(offset, offset + limit).map((t, i) => ({
    index: offset + i,
    tableId: t.tableId,
    title: t.title,
    baseLabel: t.baseLabel,
    lowValue: t.lowValue,
    rowCount: t.rows.length,
    columnCount: t.columns.length,
  }));
  return { total: tables.length, offset, limit, tables: page };
}

/** Parse `?offset=&limit=`: null when neither is given (the whole list), an error message for a bad value. */
export function parseTablePaging(params: URLSearchParams): { offset: number; limit: number } | null | { error: string } {
  const rawOffset = params.get('offset');
  const rawLimit = params.get('limit');
  if (rawOffset === null && rawLimit === null) return null;
  const offset = rawOffset === null ? 0 : wholeNumber(rawOffset);
  const limit = rawLimit === null ? TABLE_PAGE_DEFAULT : wholeNumber(rawLimit);
  if (offset === null) return { error: 'offset must be a whole number of at least 0.' };
  if (limit === null || limit < 1 || limit > TABLE_PAGE_MAX) return { error: `limit must be a whole number from 1 to ${TABLE_PAGE_MAX}.` };
  return { offset, limit };
}

function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}
