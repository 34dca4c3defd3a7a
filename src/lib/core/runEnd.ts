import { endedByCancellation } from './cancellation';
import { PipelineInputError } from './PipelineErrors';
import type { RunOutcome } from './vocabulary';

/**
 * How a run ended, decided once by decideRunEnd and handed as it is to every output of the run: the canonical line,
 * the Sentry event, pipeline-summary.json, errors.ndjson, the event bus and the web record.
 */
export interface RunEnd {
  outcome: RunOutcome;
  /** What ended a failed or cancelled run. */
  error?: unknown;
  /** The stage whose failure ended the run: the error's own stage, else the first stage that failed, else the first cancelled. */
  failedStage?: string;
}

/** What is known when a run ends. */
export interface RunEndFacts {
  /** The error that ended the run (none when it reached its end). */
  error?: unknown;
  /** The user's cancel (a cancel, a signal, a shutdown): any failure once it has fired is a cancellation. */
  cancelSignal?: AbortSignal;
  /** The first stage that failed (else the first cancelled), as the run's stage model says. */
  firstFailedStage?: string;
  /** A soft stage failed, or part of what was asked for was dropped: a run that reached its end is then `partial`. */
  degraded?: boolean;
}

/**
 * The one decision of a run's outcome. With an error: `cancelled` when it is a cancellation or the user's cancel had
 * fired (a stage stopped mid-way may fail with any error), else `error`. Without: `partial` when degraded, else `success`.
 */
export function decideRunEnd(facts: RunEndFacts): RunEnd {
  if (facts.error === undefined) return { outcome: facts.degraded ? 'partial' : 'success' };
  const ownStage = facts.error instanceof PipelineInputError ? facts.error.stage : undefined;
  const failedStage = ownStage ?? facts.firstFailedStage;
  return {
    outcome: endedByCancellation(facts.error, facts.cancelSignal) ? 'cancelled' : 'error',
    error: facts.error,
    ...(failedStage !== undefined ? { failedStage } : {}),
  };
}
