import { errorMessage } from '@/lib/core/errorMessage';
import { zeroTotals, type LedgerTotals } from './agentCallLedger';
import { fallbackLine, type LineIdentity } from './canonicalLineParts';
import { CANONICAL_KIND, CANONICAL_SCHEMA_VERSION } from './canonicalSchema';
import { fitAndCheck, LineFallback } from './composeLine';
import type { JsonObject } from './jsonValue';
import { redactJson } from './redact';
import { truncateString } from './serialize';
import type { RunOutcome } from './vocabulary';

/** What the minimal fallback line is made of (each part read lazily: any of them may be what failed). */
export interface FallbackParts {
  identity: () => LineIdentity;
  outcome: RunOutcome;
  error: unknown;
  startedAt: number;
  now: () => number;
  totals: () => LedgerTotals;
  stageCount: () => number;
  tableCount: number;
  fieldNames: () => Iterable<string>;
}

/** The line that is emitted: the full one if it builds, fits and checks; else the minimal fallback; else the bare minimum. */
export interface SettledLine {
  line: JsonObject;
  text: string;
  /** The set() keys on the emitted line (none on a fallback line). */
  freeFields: string[];
  /** Why the full line was not emitted, when it was not. */
  fallbackReason?: string;
}

/** Settle the run's line once; never throws. */
export function settleLine(build: () => { line: JsonObject; freeFields: string[] }, budgetBytes: number, fallback: FallbackParts): SettledLine {
  try {
    const built = build();
    return { ...fitAndCheck(built.line, built.freeFields, budgetBytes), freeFields: built.freeFields };
  } catch (err) {
    const reason = err instanceof LineFallback ? err.message : `line could not be built: ${errorMessage(err)}`;
    try {
      return { ...minimalLine(fallback, reason), freeFields: [], fallbackReason: reason };
    } catch {
      const line: JsonObject = {
        kind: CANONICAL_KIND,
        schemaVersion: CANONICAL_SCHEMA_VERSION,
        pipelineId: fallback.identity().pipelineId,
        outcome: fallback.outcome,
        fallback: { reason: 'fallback line failed' },
      };
      return { line, text: JSON.stringify(line), freeFields: [], fallbackReason: reason };
    }
  }
}

function minimalLine(p: FallbackParts, reason: string): { line: JsonObject; text: string } {
  let sums = zeroTotals();
  try {
    sums = p.totals();
  } catch {
    // keep zeros; the reason says the line is a fallback
  }
  const identity = p.identity();
  const line = redactJson(
    fallbackLine(identity, p.outcome, p.error, reason, {
      startedAt: p.startedAt,
      now: p.now(),
      sums,
      stages: p.stageCount(),
      tableCount: p.tableCount,
      fields: p.fieldNames(),
    }),
  ) as JsonObject;
  try {
    return { line, text: JSON.stringify(line) };
  } catch {
    const bare = {
      kind: CANONICAL_KIND,
      schemaVersion: CANONICAL_SCHEMA_VERSION,
      pipelineId: identity.pipelineId,
      outcome: p.outcome,
      fallback: { reason: truncateString(reason, 1000) },
    };
    return { line, text: JSON.stringify(bare) };
  }
}
