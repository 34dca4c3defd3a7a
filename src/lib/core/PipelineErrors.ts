/** Bad input the user can fix (missing folder, unreadable .sav, banner naming unknown variables). Shown as one line, no stack. */
export class PipelineInputError extends Error {
  override readonly name: string = 'PipelineInputError';
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

/**
 * Input over one of the run's size limits (decoded size, ZLIB block, cells, variables, tables): a PipelineInputError
 * that names the limit's setting, so the line, the event and the message all say which limit and by how much.
 */
export class InputLimitError extends PipelineInputError {
  override readonly name = 'InputLimitError';
  /** The setting holding the limit (SAV_MAX_CELLS…). */
  readonly limit: string;
  constructor(message: string, opts: { limit: string; file?: string; stage?: string; cause?: unknown }) {
    super(message, opts);
    this.limit = opts.limit;
  }
}
