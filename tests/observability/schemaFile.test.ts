import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CANONICAL_SCHEMA_VERSION } from '@/lib/observability';
import { SCHEMA_FILE, schemaText } from '../../scripts/generate-schema';

describe('the committed JSON Schema of the canonical line', () => {
  it('is what the zod schema generates (run npm run schema:generate after changing it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('has a changelog entry for the current schema version', () => {
    const changelog = readFileSync(new URL('../../src/lib/observability/line/CHANGELOG.md', import.meta.url), 'utf8');
    expect(changelog).toContain(`\n## ${CANONICAL_SCHEMA_VERSION}\n`);
  });
});
