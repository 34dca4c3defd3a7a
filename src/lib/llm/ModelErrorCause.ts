/** One level of a model error's cause chain: the original level's type and a fixed description, nothing else it carried. */
export class ModelErrorCause extends Error {
  override readonly name: string;
  readonly statusCode: number | undefined;
  readonly code: string | undefined;

  constructor(type: string, description: string, opts: { statusCode?: number; code?: string; cause?: ModelErrorCause } = {}) {
    super(description, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = type;
    this.statusCode = opts.statusCode;
    this.code = opts.code;
    // The header only: this level's own frames would show where the chain was rebuilt, not where it failed.
    this.stack = `${type}: ${description}`;
  }
}
