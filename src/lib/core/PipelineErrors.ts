/** Bad input the user can fix (missing folder, unreadable .sav, banner naming unknown variables). Shown as one line, no stack. */
export class PipelineInputError extends Error {
  override readonly name = 'PipelineInputError';
  /** The file (or folder) at fault, as the user named it. */
  readonly file: string | undefined;
  readonly stage: string | undefined;
  constructor(message: string, opts: { file?: string; stage?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.file = opts.file;
    this.stage = opts.stage;
  }
}

/** The run was cancelled through its AbortSignal. Not an error outcome. */
export class PipelineCancelledError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'Pipeline run was cancelled') {
    super(message);
  }
}

/** True for any cancellation error (ours, DOM AbortError, or the AI SDK's). */
export function isCancellation(err: unknown): boolean {
  return err instanceof PipelineCancelledError || (err instanceof Error && err.name === 'AbortError');
}

/** Throw PipelineCancelledError when the signal has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PipelineCancelledError();
}
