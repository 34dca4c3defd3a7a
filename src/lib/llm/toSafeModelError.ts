import { loadedAiSdk } from './aiSdk';
import { PipelineCancelledError, isCancellation } from '@/lib/core/PipelineErrors';
import { describeModelError } from './describeModelError';
import { ModelCallError, type ModelCallTarget } from './ModelCallError';
import { ModelErrorCause } from './ModelErrorCause';
import { ModelOutputError } from './ModelOutputError';

const MAX_CAUSE_LEVELS = 5;
const MAX_FRAMES = 30;
const FRAME = /^ {4}at \S[^\n]{0,300}$/;

function read(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The next level down: a retry's last attempt, else `cause`. */
function nextLevel(err: unknown): unknown {
  return loadedAiSdk()?.ai.RetryError.isInstance(err) ? read(err, 'lastError') : read(err, 'cause');
}

/** The levels below `err`, rebuilt as safe levels (bounded, cycle-safe). */
function safeCauses(err: unknown): ModelErrorCause | undefined {
  const levels: unknown[] = [];
  const seen = new Set<unknown>([err]);
  for (let level = nextLevel(err); level !== undefined && levels.length < MAX_CAUSE_LEVELS; level = nextLevel(level)) {
    if (typeof level === 'object' && level !== null) {
      if (seen.has(level)) break;
      seen.add(level);
    }
    levels.push(level);
  }
  let cause: ModelErrorCause | undefined;
  for (const level of levels.reverse()) {
    const facts = describeModelError(level);
    cause = new ModelErrorCause(facts.type, facts.description, {
      ...(facts.statusCode !== undefined && { statusCode: facts.statusCode }),
      ...(facts.code !== undefined && { code: facts.code }),
      ...(cause !== undefined && { cause }),
    });
  }
  return cause;
}

/**
 * The original's stack frames ("    at …" lines after its header), so a report still points at where it failed. Only when
 * the header is exactly "<name>: <message>" can the frames be told apart from a message that spans lines; else none.
 */
function framesOf(err: unknown): string | undefined {
  const stack = read(err, 'stack');
  const message = read(err, 'message');
  if (typeof stack !== 'string' || typeof message !== 'string') return undefined;
  let rest: string;
  if (message === '') {
    rest = stack.slice(stack.indexOf('\n') + 1);
  } else {
    const at = stack.indexOf(`: ${message}\n`);
    if (at < 0 || stack.slice(0, at).includes('\n')) return undefined;
    rest = stack.slice(at + message.length + 3);
  }
  const frames: string[] = [];
  for (const line of rest.split('\n')) {
    if (!FRAME.test(line)) break;
    frames.push(line);
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames.length > 0 ? frames.join('\n') : undefined;
}

/**
 * What the model layer throws in place of `err`: a cancellation stays a cancellation (a fresh PipelineCancelledError), a
 * schema mismatch stays a ModelOutputError (already safe), anything else becomes a ModelCallError holding safe facts only.
 * Never throws.
 */
export function toSafeModelError(err: unknown, target: ModelCallTarget, signal?: AbortSignal): Error {
  try {
    if (isCancellation(err) || signal?.aborted === true) return new PipelineCancelledError(`${target.agent} model call was cancelled`);
    if (err instanceof ModelCallError || err instanceof ModelOutputError) return err;
    const frames = framesOf(err);
    const cause = safeCauses(err);
    return new ModelCallError(target, describeModelError(err), { ...(cause !== undefined && { cause }), ...(frames !== undefined && { frames }) });
  } catch {
    return new ModelCallError(target, { type: 'Error', description: 'an unexpected error in the provider', isRetryable: false });
  }
}
