/** Sentry's limit on a tag key. */
export const MAX_TAG_KEY_LENGTH = 32;
/** Sentry's limit on a tag value. */
export const MAX_TAG_VALUE_LENGTH = 200;

/** A tag value Sentry accepts: at most 200 characters, no control characters (newlines), not empty. */
export function sanitiseTagValue(value: unknown): string {
  const raw = String(value ?? '');
  const cut = raw.length > MAX_TAG_VALUE_LENGTH ? raw.slice(0, MAX_TAG_VALUE_LENGTH - 1) + '…' : raw;
  let out = '';
  for (let i = 0; i < cut.length; i += 1) {
    const c = cut.charCodeAt(i);
    out += c < 32 || c === 127 ? ' ' : cut[i];
  }
  out = out.trim();
  return out === '' ? '(empty)' : out;
}
