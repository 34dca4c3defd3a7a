/**
 * Write the canonical line's JSON Schema (generated from the zod schema) to src/lib/observability/line/canonical-line.schema.json:
 * `npm run schema:generate`. A test fails when the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalLineJsonSchema } from '@/lib/observability';

/** Where the generated schema is kept. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', 'src/lib/observability/line/canonical-line.schema.json');

/** The file's text: the schema, pretty-printed, with a trailing newline. */
export function schemaText(): string {
  return `${JSON.stringify(canonicalLineJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, schemaText());
  process.stderr.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
