import { sql, type RawBuilder } from 'kysely';

/** A CHECK expression `column IN ('a', 'b', …)` with the values inlined, portable to SQLite and Postgres. */
export function oneOf(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}
