import Ajv from 'ajv';
import { expect } from 'vitest';
import { CanonicalLineSchema, canonicalLineJsonSchema, type CanonicalLine } from '@/lib/observability';

const ajv = new Ajv({ allErrors: true });
const validateJsonSchema = ajv.compile(canonicalLineJsonSchema());

/** Parse one emitted line and check it against both the zod schema and the generated JSON Schema. */
export function parseCanonicalLine(text: string | undefined): CanonicalLine {
  expect(text, 'a canonical line was emitted').toBeTypeOf('string');
  expect(text).not.toContain('\n');
  const json: unknown = JSON.parse(text as string);
  const zod = CanonicalLineSchema.safeParse(json);
  expect(zod.success, zod.success ? '' : JSON.stringify(zod.error.issues)).toBe(true);
  const ok = validateJsonSchema(json);
  expect(ok, JSON.stringify(validateJsonSchema.errors)).toBe(true);
  return zod.data as CanonicalLine;
}
