import { truncateString } from './serialize';

/** One level of an error's cause chain. */
export interface CauseLevel {
  type: string;
  message: string;
}

/** Most levels recorded; a longer chain ends with a marker level. */
export const MAX_CAUSE_LEVELS = 8;

const MAX_MESSAGE = 2000;

function describe(value: unknown): CauseLevel {
  if (value instanceof Error) {
    let message = '';
    try {
      message = String(value.message);
    } catch {
      message = '[Unreadable message]';
    }
    return { type: truncateString(value.name || 'Error', 200), message: truncateString(message, MAX_MESSAGE) };
  }
  if (typeof value === 'string') return { type: 'string', message: truncateString(value, MAX_MESSAGE) };
  if (value === null) return { type: 'null', message: '' };
  if (typeof value === 'object') return { type: 'object', message: '[non-Error object]' };
  return { type: typeof value, message: truncateString(String(value), MAX_MESSAGE) };
}

function causeOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    return (value as { cause?: unknown }).cause;
  } catch {
    return undefined;
  }
}

/** The error and its causes, outermost first (type and message per level); cycle-safe and bounded. */
export function causeChain(error: unknown): CauseLevel[] {
  const levels: CauseLevel[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined) {
    if (typeof current === 'object' && current !== null) {
      if (seen.has(current)) {
        levels.push({ type: '[Circular]', message: 'cause chain loops back to an earlier level' });
        break;
      }
      seen.add(current);
    }
    if (levels.length >= MAX_CAUSE_LEVELS) {
      levels.push({ type: '[Truncated]', message: `cause chain longer than ${MAX_CAUSE_LEVELS} levels` });
      break;
    }
    levels.push(describe(current));
    current = causeOf(current);
  }
  return levels;
}
