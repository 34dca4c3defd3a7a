import { Kysely, PostgresDialect } from 'kysely';
import type { CustomTypesConfig } from 'pg';
import { operatorLog } from '@/lib/logging/operatorLog';
import { redactText } from '@/lib/redaction';
import { errorMessage } from '@/lib/core/errorMessage';
import type { Database } from './schema';

/** Postgres' type id of BIGINT (int8). */
const INT8_OID = 20;

/** A BIGINT as a number (epoch-ms times, durations); a value beyond 2^53 would lose digits, so it is refused. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JavaScript number`);
  return value;
}

/**
 * Open a pool on the Postgres database at `url` (postgres://…) as a Kysely database. Loads pg only now. BIGINT
 * columns are read as numbers by this pool's own type parsers (pg's global parsers are left alone).
 */
export async function openPostgresKysely(url: string, maxConnections = 10): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  const types: CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? parseBigint : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
  };
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types });
  // An idle connection that breaks (server restart, network) is replaced by the pool; without a listener it would end the process.
  pool.on('error', (err) => operatorLog('db', `an idle Postgres connection failed: ${redactText(errorMessage(err))}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
