import { endedByCancellation } from '@/lib/core/cancellation';
import type { RunOutcome } from './vocabulary';

/**
 * The one place a run's reported outcome is decided: a run reported as failed whose error is a cancellation, or whose
 * cancellation signal had fired, ended `cancelled` (its own outcome, not an error); every other outcome stands.
 */
export function finalOutcome(outcome: RunOutcome, error: unknown, ...signals: Array<AbortSignal | undefined>): RunOutcome {
  if (outcome !== 'error') return outcome;
  return (error !== undefined || signals.length > 0) && endedByCancellation(error, ...signals) ? 'cancelled' : 'error';
}
