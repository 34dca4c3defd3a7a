import util from 'node:util';
import { expect } from 'vitest';

/** Secrets and content planted where a model call can see them; none may reach an error, a record or a sink. */
export const CANARY = {
  apiKey: 'sk-canary-APIKEY-5d8e1f',
  system: 'CANARY-SYSTEM-0c7b',
  prompt: 'CANARY-PROMPT-a93e',
  body: 'CANARY-BODY-61f2',
  output: 'CANARY-OUTPUT-d4a7',
  password: 'CANARY-PASSWORD-8b19',
} as const;

const ALL = Object.values(CANARY);

/** Every canary found in `text`. */
export function canariesIn(text: string): string[] {
  return ALL.filter((c) => text.includes(c));
}

/** Assert that no canary occurs in `text`. */
export function expectNoCanary(text: string, where: string): void {
  expect(canariesIn(text), `canaries in ${where}`).toEqual([]);
}

/** The error and its causes, outermost first (cycle-safe). */
export function causeLevels(err: unknown): unknown[] {
  const levels: unknown[] = [];
  for (let level: unknown = err; level !== undefined && !levels.includes(level) && levels.length < 20; level = (level as { cause?: unknown } | null)?.cause) {
    levels.push(level);
    if (level === null || typeof level !== 'object') break;
  }
  return levels;
}

/** Every way an error is commonly turned into text: message, each cause level's name/message/stack, JSON, util.inspect. */
export function errorRenderings(err: unknown): Record<string, string> {
  const out: Record<string, string> = {
    String: String(err),
    JSON: JSON.stringify(err) ?? '',
    inspect: util.inspect(err),
    'inspect (hidden, full depth)': util.inspect(err, { showHidden: true, depth: Infinity }),
  };
  causeLevels(err).forEach((level, i) => {
    const e = level as { name?: unknown; message?: unknown; stack?: unknown };
    out[`level ${i} name`] = String(e?.name);
    out[`level ${i} message`] = String(e?.message);
    out[`level ${i} stack`] = String(e?.stack);
    out[`level ${i} JSON`] = JSON.stringify(level) ?? '';
  });
  return out;
}

/** Assert that no rendering of `err` holds a canary, and that its message is one line. */
export function expectSafeError(err: unknown): void {
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).not.toMatch(/[\r\n]/);
  for (const [how, text] of Object.entries(errorRenderings(err))) expectNoCanary(text, how);
}
