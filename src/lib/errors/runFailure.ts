import type { FailureRecord } from './ErrorPersistence';
import { errorMessage } from '@/lib/core/errorMessage';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { RunEnd } from '@/lib/core/runEnd';

/**
 * The run's error, in one shape: what ended the run (type and message), where (stage, and the user's file for input
 * errors), and how it is classified. The run result, the failure record, the pipeline event and the web record are
 * projections of it; the canonical line adds the cause chain.
 */
export interface RunFailure {
  type: string;
  message: string;
  stage?: string;
  file?: string;
  cancelled: boolean;
  classification: FailureRecord['classification'];
}

/** The class name of a thrown value (`Error` subclasses by name, anything else by its typeof). */
export function errorTypeName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

function classify(err: unknown, stage: string | undefined, cancelled: boolean): FailureRecord['classification'] {
  if (cancelled) return 'cancelled';
  if (err instanceof PipelineInputError) return 'input';
  if (stage === 'CrosstabComputation') return 'computation';
  if (stage === 'ExcelExport') return 'export';
  if (stage?.endsWith('Agent')) return 'agent';
  return 'internal';
}

/** The one classifier of a run's failure, from how the run ended (decideRunEnd): outcome, error and failed stage. */
export function describeRunFailure(end: RunEnd): RunFailure {
  const { error: err, failedStage: stage } = end;
  const cancelled = end.outcome === 'cancelled';
  const file = err instanceof PipelineInputError ? err.file : undefined;
  return {
    type: errorTypeName(err),
    message: errorMessage(err),
    ...(stage !== undefined ? { stage } : {}),
    ...(file !== undefined ? { file } : {}),
    cancelled,
    classification: classify(err, stage, cancelled),
  };
}
