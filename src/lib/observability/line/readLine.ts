import { CANONICAL_SCHEMA_VERSION, CanonicalLineSchema, type CanonicalLine } from './canonicalSchema';
import { nestsDeeperThan } from './jsonNesting';
import { oversizeList } from './oversizeList';

/**
 * Deepest nesting of objects and arrays read. A real line nests about 8 levels (the line, a field added with set(),
 * and at most 6 levels under it, as serialize.ts cuts them); 64 leaves room and keeps every recursive walk shallow.
 */
export const MAX_NESTING = 64;

/** Oldest schema version still read: versions 1 and 2 lack stage start offsets and warnings; 3 lacks the fields 4 added. */
export const OLDEST_READABLE_VERSION = 1;

/** A canonical line as read: in the current shape, with how it was written. */
export interface ReadLine {
  line: CanonicalLine;
  /** The JSON object as written (older schema versions are not upgraded here). */
  raw: Record<string, unknown>;
  /** The schema version the line was written with. */
  schemaVersion: number;
  /** True for lines written before stages carried start offsets (schema 1–2): the stages are laid end to end. */
  offsetsEstimated: boolean;
}

/** Why a text or value is not a readable canonical line. */
export type LineSkipReason = 'nested too deep' | 'too many items' | 'broken JSON' | 'unknown schema version' | 'not matching the schema';

/** The outcome of reading one canonical line. */
export type LineReading = { ok: true; read: ReadLine } | { ok: false; reason: LineSkipReason; detail: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An older line in the current shape: the version set to the current one, and (schema 1–2) stages without start offsets
 * laid end to end in listed order. Every later version only added optional fields.
 */
function upgraded(raw: Record<string, unknown>): { value: Record<string, unknown>; estimated: boolean } {
  if (raw.schemaVersion === CANONICAL_SCHEMA_VERSION) return { value: raw, estimated: false };
  if (!Array.isArray(raw.stages)) return { value: { ...raw, schemaVersion: CANONICAL_SCHEMA_VERSION }, estimated: false };
  const estimated = raw.stages.some((stage: unknown) => !isRecord(stage) || typeof stage.startOffsetMs !== 'number');
  let offset = 0;
  const stages = raw.stages.map((stage: unknown) => {
    if (!isRecord(stage) || typeof stage.startOffsetMs === 'number') return stage;
    const placed = { ...stage, startOffsetMs: offset };
    if (typeof stage.durationMs === 'number' && Number.isFinite(stage.durationMs)) offset += Math.max(0, stage.durationMs);
    return placed;
  });
  return { value: { ...raw, schemaVersion: CANONICAL_SCHEMA_VERSION, stages }, estimated };
}

/** Where the first schema problem is, as `path: message`. */
function firstIssue(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * The one reader of canonical lines: parse (a JSON text, or a value already parsed), upgrade an older schema version
 * to the current shape, and validate with the line's zod schema. Never throws. Too deep a text is refused before it is
 * parsed, and a line with an overlong list before it is validated, so any input costs time linear in its size.
 */
export function readCanonicalLine(input: string | unknown): LineReading {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (nestsDeeperThan(input, MAX_NESTING)) return { ok: false, reason: 'nested too deep', detail: `more than ${MAX_NESTING} levels` };
    try {
      raw = JSON.parse(input);
    } catch (err) {
      return { ok: false, reason: 'broken JSON', detail: err instanceof Error ? err.message : 'unparsable' };
    }
  }
  if (!isRecord(raw)) return { ok: false, reason: 'broken JSON', detail: 'not an object' };
  const oversize = oversizeList(raw);
  if (oversize) return { ok: false, reason: 'too many items', detail: oversize };
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE_VERSION || version > CANONICAL_SCHEMA_VERSION) {
    return { ok: false, reason: 'unknown schema version', detail: `schemaVersion ${JSON.stringify(version) ?? 'missing'}` };
  }
  const { value, estimated } = upgraded(raw);
  const parsed = CanonicalLineSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'not matching the schema', detail: firstIssue(parsed.error.issues) };
  return { ok: true, read: { line: parsed.data, raw, schemaVersion: version, offsetsEstimated: estimated } };
}
