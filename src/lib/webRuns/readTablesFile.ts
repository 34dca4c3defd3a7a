import { readFile } from 'node:fs/promises';
import type { CrosstabTable } from '@/lib/core/types';

/** Read a run's tables.json: either a bare CrosstabTable[] or `{ meta, tables }`; returns the tables in export order. */
export async function readTablesFile(file: string): Promise<CrosstabTable[]> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (Array.isArray(parsed)) return parsed as CrosstabTable[];
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { tables?: unknown }).tables)) {
    return (parsed as { tables: CrosstabTable[] }).tables;
  }
  throw new Error('tables.json has an unexpected shape');
}
