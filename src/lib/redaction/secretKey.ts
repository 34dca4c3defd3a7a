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
  // The same few keys come back on every span and breadcrumb: each is judged once.
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = judgeKey(key);
  if (verdicts.size >= MAX_REMEMBERED_KEYS) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

/** Keys whose verdict is remembered (the cache is cleared when full, so hostile key sets cost no memory). */
const MAX_REMEMBERED_KEYS = 4096;
const verdicts = new Map<string, boolean>();

function judgeKey(key: string): boolean {
  const k = normaliseKey(key);
  for (const fragment of SECRET_FRAGMENTS) if (k.includes(fragment)) return true;
  // "token", "accessToken", "refresh_token", "tokenValue" are secrets; "*tokens" and token counters are not.
  if (k.endsWith('token')) return true;
  if (TOKEN_SECRET_FORMS.has(k)) return true;
  if (k === 'auth' || k === 'key') return true;
  return false;
}
