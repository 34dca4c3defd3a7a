import { randomBytes } from 'node:crypto';

/** A sortable, unique run id: `YYYYMMDD-HHMMSS-xxxxxx`. */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
