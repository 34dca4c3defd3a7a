import { InputLimitError, PipelineCancelledError, PipelineInputError, isCancellation } from '@/lib/core/PipelineErrors';

/** A thrown value as it crosses a thread boundary: enough to rebuild the same error (class, message, stage, causes). */
export interface TransferredError {
  kind: 'cancelled' | 'limit' | 'input' | 'error' | 'value';
  name: string;
  message: string;
  stack?: string;
  code?: string;
  file?: string;
  stage?: string;
  /** An InputLimitError's setting. */
  limit?: string;
  cause?: TransferredError;
}

/** Causes kept; deeper ones are dropped (the canonical line records at most a few levels anyway). */
const MAX_CAUSES = 8;

function stringProp(value: object, key: string): string | undefined {
  try {
    const v = (value as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Describe a thrown value for postMessage (never throws, whatever was thrown). */
export function transferError(err: unknown, depth = 0): TransferredError {
  if (!(err instanceof Error)) {
    let message: string;
    try {
      message = String(err);
    } catch {
      message = '[unreadable value]';
    }
    return { kind: 'value', name: typeof err, message };
  }
  const kind = isCancellation(err) ? 'cancelled' : err instanceof InputLimitError ? 'limit' : err instanceof PipelineInputError ? 'input' : 'error';
  const out: TransferredError = { kind, name: stringProp(err, 'name') ?? 'Error', message: stringProp(err, 'message') ?? '' };
  const optional = {
    stack: stringProp(err, 'stack'),
    code: stringProp(err, 'code'),
    file: stringProp(err, 'file'),
    stage: stringProp(err, 'stage'),
    limit: stringProp(err, 'limit'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key as keyof typeof optional] = value;
  let cause: unknown;
  try {
    cause = err.cause;
  } catch {
    cause = undefined;
  }
  if (cause !== undefined && depth < MAX_CAUSES) out.cause = transferError(cause, depth + 1);
  return out;
}

/** Rebuild a transferred error on this side: the same class for the pipeline's own errors, name and message for others. */
export function reviveError(t: TransferredError): unknown {
  if (t.kind === 'value') return t.message;
  if (t.kind === 'cancelled') return withStack(new PipelineCancelledError(t.message), t.stack);
  const cause = t.cause === undefined ? undefined : reviveError(t.cause);
  if (t.kind === 'limit') return withStack(new InputLimitError(t.message, { limit: t.limit ?? '', file: t.file, stage: t.stage, cause }), t.stack);
  if (t.kind === 'input') return withStack(new PipelineInputError(t.message, { file: t.file, stage: t.stage, cause }), t.stack);
  const err = new Error(t.message, cause === undefined ? undefined : { cause });
  if (t.name !== 'Error') Object.defineProperty(err, 'name', { value: t.name, enumerable: false, writable: true, configurable: true });
  if (t.code !== undefined) (err as Error & { code?: string }).code = t.code;
  return withStack(err, t.stack);
}

/** Keep the stack of where the error was thrown (the worker's), which is the one worth reading. */
function withStack<E extends Error>(err: E, stack: string | undefined): E {
  if (stack !== undefined) err.stack = stack;
  return err;
}
