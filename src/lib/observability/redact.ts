import type { JsonValue } from './jsonValue';

/** What a redacted value is replaced with. */
export const REDACTED = '[Redacted]';

/** Key fragments (lower case, separators removed) that always name a secret or personal data. */
const SECRET_FRAGMENTS = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'authorization',
  'cookie',
  'dsn',
  'email',
  'privatekey',
  'accesskey',
  'sessionid',
  'credential',
  'bearer',
  'ipaddress',
] as const;

/** Secret names that start with "token" (names ending in "token" are caught by the suffix rule). */
const TOKEN_SECRET_FORMS: ReadonlySet<string> = new Set(['tokenvalue', 'tokenstring', 'tokensecret', 'tokenhash']);

/** Longest key that is inspected; longer keys are treated as secret (no real metric key is this long). */
const MAX_INSPECTED_KEY = 256;

/** Longest string value checked for an e-mail address shape (RFC 5321 caps addresses at 254). */
const MAX_EMAIL_LENGTH = 254;

function normaliseKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += key[i];
  }
  return out;
}

/**
 * True when a key names a secret (password, token, API key, authorization, cookie, DSN, e-mail, ...).
 * Token counters such as `inputTokens` or `gen_ai.usage.total_tokens` are metrics, not secrets.
 */
export function isSecretKey(key: string): boolean {
  if (key.length > MAX_INSPECTED_KEY) return true;
  const k = normaliseKey(key);
  for (const fragment of SECRET_FRAGMENTS) if (k.includes(fragment)) return true;
  // "token", "accessToken", "refresh_token", "tokenValue" are secrets; "*tokens" and token counters are not.
  if (k.endsWith('token')) return true;
  if (TOKEN_SECRET_FORMS.has(k)) return true;
  if (k === 'auth' || k === 'key') return true;
  return false;
}

/** True for a short string shaped like an e-mail address (checked without regular expressions). */
export function looksLikeEmail(s: string): boolean {
  if (s.length > MAX_EMAIL_LENGTH || s.length < 5) return false;
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return false;
  const dot = s.indexOf('.', at + 2);
  if (dot < 0 || dot === s.length - 1) return false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c <= 32) return false;
  }
  return true;
}

/**
 * Copy of a JSON value with secrets replaced by REDACTED: values under secret-naming keys, and strings
 * shaped like e-mail addresses. Linear in the size of the input.
 */
export function redactJson(value: JsonValue): JsonValue {
  if (typeof value === 'string') return looksLikeEmail(value) ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactJson);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactJson(v);
  return out;
}

/** Redact an arbitrary object in place-safe manner (returns a copy); non-JSON leaves are kept as they are. */
export function redactUnknown<T>(value: T, depth = 0): T {
  if (depth > 12) return value;
  if (typeof value === 'string') return (looksLikeEmail(value) ? REDACTED : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactUnknown(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = isSecretKey(k) ? REDACTED : redactUnknown(v, depth + 1);
  return out as T;
}
