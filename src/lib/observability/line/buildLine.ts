import { errorMessage } from '@/lib/core/errorMessage';
import type { RunOutcome } from '@/lib/core/types';
import { MAX_AGENT_CALL_ENTRIES, zeroTotals, type AgentCallLedger, type LedgerTotals } from '../agentCalls/agentCallLedger';
import { CANONICAL_KIND, CANONICAL_SCHEMA_VERSION, CanonicalLineSchema, type CanonicalLine, type RunWarnings, type StageRecord } from './canonicalSchema';
import { causeChain } from './causeChain';
import type { JsonObject, JsonValue } from './jsonValue';
import { lineError, lineHeader, lineTotals, type LineIdentity } from './lineParts';
import { redactJson } from './redact';
import { truncateString } from './serialize';
import { fitToBudget } from './sizeBudget';

/** Everything a run's line is made of, read once the run has ended (each part read lazily: any may be what fails). */
export interface LineSource {
  identity(): LineIdentity;
  outcome: RunOutcome;
  error: unknown;
  /** The stage whose failure ended the run, as decided with the outcome. */
  failedStage: string | undefined;
  startedAt: number;
  now(): number;
  stages(): StageRecord[];
  ledger: AgentCallLedger;
  warnings(): RunWarnings | undefined;
  agentSpans: { total: number; kept: number } | undefined;
  tableCount: number;
  fields: ReadonlyMap<string, JsonValue>;
  cut: Readonly<Record<string, string>>;
}

/** A run's line as built: the object, its text, the set() keys on it, and why it is the fallback when it is. */
export interface BuiltLine {
  line: CanonicalLine;
  text: string;
  /** The set() keys on the emitted line (none on the fallback line). */
  freeFields: string[];
  fallbackReason?: string;
}

/** Why the full line could not be emitted (the fallback line says it). */
class LineFallback extends Error {}

/**
 * The one builder of a run's canonical line: the full line (redacted, fitted to `budgetBytes`, checked against its
 * schema), else the one fallback line (ids, outcome, error, totals; says why). Never throws.
 */
export function buildLine(source: LineSource, budgetBytes: number): BuiltLine {
  try {
    const { line, freeFields } = fullLine(source);
    const fitted = fitToBudget(line, freeFields, budgetBytes);
    if (!fitted) throw new LineFallback(`line over its byte budget (${budgetBytes} bytes) after every cut`);
    const check = CanonicalLineSchema.safeParse(fitted.line);
    if (!check.success) {
      const issues = check.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new LineFallback(`line failed its schema: ${issues.join('; ')}`);
    }
    return { line: check.data, text: fitted.text, freeFields };
  } catch (err) {
    const reason = err instanceof LineFallback ? err.message : `line could not be built: ${errorMessage(err)}`;
    return { ...fallbackLine(source, reason), freeFields: [], fallbackReason: reason };
  }
}

function fullLine(s: LineSource): { line: JsonObject; freeFields: string[] } {
  const now = s.now();
  if (!Number.isFinite(now)) throw new LineFallback('clock returned a non-finite time');
  const sums = s.ledger.totals();
  const stages = s.stages();
  const line: JsonObject = lineHeader(s.identity(), s.outcome, s.startedAt, now);
  const errorInfo = lineError(s.error, s.failedStage);
  if (errorInfo) line.error = errorInfo as unknown as JsonValue;
  const warnings = s.warnings();
  if (warnings) line.warnings = warnings as unknown as JsonValue;
  line.stages = stages as unknown as JsonValue;
  line.agents = s.ledger.agents() as unknown as JsonValue;
  line.agentCalls = s.ledger.calls() as unknown as JsonValue;
  const cut: Record<string, string> = { ...s.cut };
  if (sums.agentCalls > MAX_AGENT_CALL_ENTRIES) {
    line.agentCallsTruncated = { total: sums.agentCalls, kept: MAX_AGENT_CALL_ENTRIES };
    cut.agentCalls = `per-call list capped: kept ${MAX_AGENT_CALL_ENTRIES} of ${sums.agentCalls} calls (rollups and totals are complete)`;
  }
  const spans = s.agentSpans;
  if (spans && spans.kept < spans.total) {
    line.agentSpansTruncated = { total: spans.total, kept: spans.kept };
    cut.agentSpans = `gen_ai spans capped: sent ${spans.kept} of ${spans.total} (rollups and totals are complete)`;
  }
  line.totals = lineTotals(sums, stages.length, Math.max(0, now - s.startedAt), s.tableCount);
  const freeFields: string[] = [];
  for (const [k, v] of s.fields) {
    line[k] = v;
    freeFields.push(k);
  }
  if (Object.keys(cut).length > 0) line.truncated = cut;
  return { line: redactJson(line) as JsonObject, freeFields };
}

/** Read one part of the source for the fallback line, or its stand-in when that part is what fails. */
function part<T>(read: () => T, standIn: T): T {
  try {
    return read();
  } catch {
    return standIn;
  }
}

/**
 * The one fallback: the header, the error's type and message, the totals, and what was left out (every list, every
 * set() field) with the reason. Each part that cannot be read is left at its neutral value.
 */
function fallbackLine(s: LineSource, reason: string): { line: CanonicalLine; text: string } {
  const identity = part(() => s.identity(), { pipelineId: 'unknown', dataset: '' } as LineIdentity);
  const now = part(() => s.now(), Date.now());
  const sums: LedgerTotals = part(() => s.ledger.totals(), zeroTotals());
  const startedAt = Number.isFinite(s.startedAt) ? s.startedAt : now;
  const line = lineHeader(identity, s.outcome, startedAt, Number.isFinite(now) ? now : startedAt);
  if (s.error !== undefined) {
    const top = part(() => causeChain(s.error)[0], undefined) ?? { type: 'Error', message: '' };
    line.error = { type: top.type, message: truncateString(top.message, 500) };
  }
  line.stages = [];
  line.agents = {};
  line.agentCalls = [];
  line.totals = lineTotals(
    sums,
    part(() => s.stages().length, 0),
    Math.max(0, now - startedAt),
    s.tableCount,
  );
  const truncated: Record<string, string> = { stages: 'fallback line', agents: 'fallback line', agentCalls: 'fallback line' };
  for (const k of part(() => [...s.fields.keys()], [])) truncated[k] = 'fallback line';
  line.truncated = truncated;
  line.fallback = { reason: truncateString(reason, 1000) };
  const redacted = part(() => redactJson(line) as JsonObject, {
    kind: CANONICAL_KIND,
    schemaVersion: CANONICAL_SCHEMA_VERSION,
    pipelineId: identity.pipelineId,
    outcome: s.outcome,
    fallback: { reason: 'the fallback line could not be redacted' },
  });
  return { line: redacted as unknown as CanonicalLine, text: JSON.stringify(redacted) };
}
