import { MAX_AGENT_CALL_ENTRIES, type AgentCallLedger } from './agentCallLedger';
import { CanonicalLineSchema, type RunWarnings, type StageRecord } from './canonicalSchema';
import { lineError, lineHeader, lineTotals, type LineIdentity } from './canonicalLineParts';
import type { JsonObject, JsonValue } from './jsonValue';
import { redactJson } from './redact';
import { fitToBudget } from './sizeBudget';
import type { RunOutcome } from './vocabulary';

/** Why the full line could not be emitted (the minimal fallback line says it). */
export class LineFallback extends Error {}

/** Everything a run's line is made of, as the wide event holds it at finish(). */
export interface LineParts {
  identity: LineIdentity;
  outcome: RunOutcome;
  error: unknown;
  errorStage: string | undefined;
  startedAt: number;
  now: number;
  stages: StageRecord[];
  ledger: AgentCallLedger;
  warnings: RunWarnings | undefined;
  agentSpans: { total: number; kept: number } | undefined;
  tableCount: number;
  fields: ReadonlyMap<string, JsonValue>;
  cut: Readonly<Record<string, string>>;
}

/** The full canonical line, redacted (every string by content, secret-named set() keys by key; ids and numbers kept). */
export function composeLine(p: LineParts): { line: JsonObject; freeFields: string[] } {
  const sums = p.ledger.totals();
  const line: JsonObject = lineHeader(p.identity, p.outcome, p.startedAt, p.now);
  const errorInfo = lineError(p.error, p.errorStage);
  if (errorInfo) line.error = errorInfo as unknown as JsonValue;
  if (p.warnings) line.warnings = p.warnings as unknown as JsonValue;
  line.stages = p.stages as unknown as JsonValue;
  line.agents = p.ledger.agents() as unknown as JsonValue;
  line.agentCalls = p.ledger.calls() as unknown as JsonValue;
  const cut: Record<string, string> = { ...p.cut };
  if (sums.agentCalls > MAX_AGENT_CALL_ENTRIES) {
    line.agentCallsTruncated = { total: sums.agentCalls, kept: MAX_AGENT_CALL_ENTRIES };
    cut.agentCalls = `per-call list capped: kept ${MAX_AGENT_CALL_ENTRIES} of ${sums.agentCalls} calls (rollups and totals are complete)`;
  }
  const spans = p.agentSpans;
  if (spans && spans.kept < spans.total) {
    line.agentSpansTruncated = { total: spans.total, kept: spans.kept };
    cut.agentSpans = `gen_ai spans capped: sent ${spans.kept} of ${spans.total} (rollups and totals are complete)`;
  }
  line.totals = lineTotals(sums, p.stages.length, Math.max(0, p.now - p.startedAt), p.tableCount);
  const freeFields: string[] = [];
  for (const [k, v] of p.fields) {
    line[k] = v;
    freeFields.push(k);
  }
  if (Object.keys(cut).length > 0) line.truncated = cut;
  return { line: redactJson(line) as JsonObject, freeFields };
}

/** The line within its byte budget and valid against its schema, with its text; throws LineFallback when it cannot be. */
export function fitAndCheck(line: JsonObject, freeFields: readonly string[], budgetBytes: number): { line: JsonObject; text: string } {
  const fitted = fitToBudget(line, freeFields, budgetBytes);
  if (!fitted) throw new LineFallback(`line over its byte budget (${budgetBytes} bytes) after every cut`);
  const check = CanonicalLineSchema.safeParse(fitted.line);
  if (!check.success)
    throw new LineFallback(
      `line failed its schema: ${check.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return fitted;
}
