import { isSecretKey } from './secretKey';
import { relativeToRoot } from './redactionRoots';

/** What a matched piece of text is replaced with, by kind. */
export const TEXT_MARKERS = {
  email: '[email]',
  secret: '[secret]',
  credentials: '[credentials]',
} as const;

/** Longest local part and domain an e-mail address may have (RFC 5321). */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
/** Longest userinfo scanned after "://". */
const MAX_USERINFO = 512;
/** Shortest prefixed key (sk-…, ghp_…) and shortest bare secret (hex or mixed base64) that are redacted. */
const MIN_PREFIXED_SECRET = 12;
const MIN_BARE_SECRET = 32;
/** Prefixes of API keys and tokens issued by common providers. */
const SECRET_PREFIXES = [
  'sk-',
  'sk_',
  'rk_',
  'pk_live',
  'pk_test',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'xoxp-',
  'xoxa-',
  'xoxs-',
  'AKIA',
  'ASIA',
  'AIza',
  'hf_',
  'whsec_',
];
/** First path segments of the app's own URLs: such paths are routes, not files. */
const ROUTE_SEGMENTS: ReadonlySet<string> = new Set(['api', 'runs', 'signin', '_next', 'monitoring']);

interface Cut {
  start: number;
  end: number;
  text: string;
}

const isLocalChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** Characters of keys and tokens: letters, digits, - _ + = . ~ / (base64, base64url, JWT). */
const isTokenChar = (c: number): boolean => isAlpha(c) || isDigit(c) || c === 45 || c === 95 || c === 43 || c === 61 || c === 46 || c === 126 || c === 47;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
/** Characters that may precede an absolute path in prose, quotes, key=value and JSON. */
const isPathLead = (c: number): boolean =>
  isSpace(c) || c === 34 || c === 39 || c === 96 || c === 40 || c === 91 || c === 123 || c === 61 || c === 44 || c === 60;
/** Characters that end a path. */
const isPathEnd = (c: number): boolean =>
  isSpace(c) || c === 34 || c === 39 || c === 96 || c === 41 || c === 125 || c === 60 || c === 62 || c === 44 || c === 59;

/** E-mail addresses around each '@': bounded expansion, so the whole scan is linear. */
function findEmails(s: string, cuts: Cut[]): void {
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(s.charCodeAt(start - 1))) start -= 1;
    let end = at + 1;
    while (end < s.length && end - at <= MAX_DOMAIN && isDomainChar(s.charCodeAt(end))) end += 1;
    while (end > at + 1 && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 45)) end -= 1;
    if (start === at || end === at + 1) continue;
    const domain = s.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    if (dot <= 0) continue;
    // The last label starts with two letters (com, io, example-suffixed names like "example.com-ok" included).
    if (isAlpha(domain.charCodeAt(dot + 1)) && isAlpha(domain.charCodeAt(dot + 2))) cuts.push({ start, end, text: TEXT_MARKERS.email });
  }
}

/** user:password@ (or a bare token@) after a URL scheme. */
function findUrlCredentials(s: string, cuts: Cut[]): void {
  for (let i = s.indexOf('://'); i !== -1; i = s.indexOf('://', i + 3)) {
    const from = i + 3;
    let j = from;
    while (j < s.length && j - from < MAX_USERINFO) {
      const c = s.charCodeAt(j);
      if (c === 64 || c === 47 || c === 63 || c === 35 || isSpace(c)) break;
      j += 1;
    }
    if (j < s.length && s.charCodeAt(j) === 64 && j > from) cuts.push({ start: from, end: j, text: TEXT_MARKERS.credentials });
  }
}

/** The value after "Bearer", "Basic", or a secret-naming key followed by ':' or '=' (e.g. api_key=…, "password": "…"). */
function findLabelledSecrets(s: string, cuts: Cut[]): void {
  let i = 0;
  while (i < s.length) {
    if (!isAlpha(s.charCodeAt(i))) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < s.length && (isAlpha(s.charCodeAt(end)) || isDigit(s.charCodeAt(end)) || s.charCodeAt(end) === 95 || s.charCodeAt(end) === 45)) end += 1;
    const word = s.slice(i, end);
    const lower = word.toLowerCase();
    let v = end;
    if (lower === 'bearer' || lower === 'basic') {
      if (v < s.length && isSpace(s.charCodeAt(v))) v += 1;
      else v = -1;
    } else if (word.length <= 64 && isSecretKey(word)) {
      // key, then optional closing quote and spaces, then ':' or '=', then optional spaces and an opening quote
      while (v < s.length && (s.charCodeAt(v) === 34 || s.charCodeAt(v) === 39)) v += 1;
      while (v < s.length && isSpace(s.charCodeAt(v)) && v - end < 4) v += 1;
      if (v < s.length && (s.charCodeAt(v) === 58 || s.charCodeAt(v) === 61)) {
        v += 1;
        while (v < s.length && isSpace(s.charCodeAt(v)) && v - end < 8) v += 1;
        while (v < s.length && (s.charCodeAt(v) === 34 || s.charCodeAt(v) === 39)) v += 1;
      } else {
        v = -1;
      }
    } else {
      v = -1;
    }
    if (v > 0) {
      let valueEnd = v;
      while (valueEnd < s.length && isTokenChar(s.charCodeAt(valueEnd))) valueEnd += 1;
      // "Authorization: Bearer <token>": the scheme word is not the secret, the token after it is.
      const scheme = s.slice(v, valueEnd).toLowerCase();
      if ((scheme === 'bearer' || scheme === 'basic') && valueEnd < s.length && isSpace(s.charCodeAt(valueEnd))) {
        valueEnd += 1;
        while (valueEnd < s.length && isTokenChar(s.charCodeAt(valueEnd))) valueEnd += 1;
      }
      // A bare "Basic"/"Bearer" in prose ("Only Basic and Standard members") is followed by a word, not a credential.
      const bareScheme = lower === 'bearer' || lower === 'basic';
      if (valueEnd > v && (!bareScheme || looksLikeCredential(s.slice(v, valueEnd)))) cuts.push({ start: v, end: valueEnd, text: TEXT_MARKERS.secret });
      i = Math.max(valueEnd, end);
    } else {
      i = end;
    }
  }
}

/**
 * Whether the token after a bare "Basic"/"Bearer" can be a credential: long, or holding what base64 and token alphabets
 * hold and words do not (digits, '=', '+', '/', '.', '_', '-', or capitals after the first letter).
 */
function looksLikeCredential(token: string): boolean {
  return token.length >= 16 || (token.length >= 6 && (/[0-9=+/._-]/.test(token) || /[A-Z]/.test(token.slice(1))));
}

function looksLikeJwt(token: string): boolean {
  if (!token.startsWith('eyJ') || token.length < 24) return false;
  const parts = token.split('.');
  return parts.length === 3 && parts[0]!.length >= 4 && parts[1]!.length >= 4;
}

/** Is one run of token characters a key or token? */
function isSecretToken(token: string): boolean {
  if (token.length >= MIN_PREFIXED_SECRET) {
    for (const prefix of SECRET_PREFIXES) if (token.startsWith(prefix)) return true;
  }
  if (looksLikeJwt(token)) return true;
  if (token.length < MIN_BARE_SECRET) return false;
  let hex = true;
  let digits = 0;
  let upper = 0;
  let lower = 0;
  let slashes = 0;
  for (let i = 0; i < token.length; i += 1) {
    const c = token.charCodeAt(i);
    if (!isHex(c)) hex = false;
    if (isDigit(c)) digits += 1;
    else if (c >= 65 && c <= 90) upper += 1;
    else if (c >= 97 && c <= 122) lower += 1;
    else if (c === 47) slashes += 1;
  }
  if (hex) return true;
  // Mixed-case letters with digits and no path-like slashes: base64-ish key material, not prose or a file name.
  return digits >= 2 && upper >= 2 && lower >= 2 && slashes <= 2 && digits + upper + lower >= token.length * 0.8;
}

/** Keys, tokens, JWTs and long hex or base64 secrets, as whole runs of token characters. */
function findTokens(s: string, cuts: Cut[]): void {
  let i = 0;
  while (i < s.length) {
    if (!isTokenChar(s.charCodeAt(i))) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < s.length && isTokenChar(s.charCodeAt(end))) end += 1;
    // A run of token characters that is a path (contains '/' and starts with it) is left to the path rule.
    if (s.charCodeAt(i) !== 47 && isSecretToken(s.slice(i, end))) cuts.push({ start: i, end, text: TEXT_MARKERS.secret });
    i = end;
  }
}

/** Absolute file paths, reduced to a name relative to a known root (dataset, output, upload root) or to their last segment. */
function findPaths(s: string, cuts: Cut[]): void {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const windows = isAlpha(c) && s.charCodeAt(i + 1) === 58 && s.charCodeAt(i + 2) === 92;
    if (c !== 47 && !windows) continue;
    if (i > 0 && !isPathLead(s.charCodeAt(i - 1))) continue;
    if (c === 47 && (s.charCodeAt(i + 1) === 47 || i + 1 >= s.length || isPathEnd(s.charCodeAt(i + 1)))) continue;
    let end = i;
    let separators = 0;
    while (end < s.length && !isPathEnd(s.charCodeAt(end))) {
      const e = s.charCodeAt(end);
      if (e === 47 || e === 92) separators += 1;
      end += 1;
    }
    while (end > i && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 58)) end -= 1;
    const found = s.slice(i, end);
    if (separators >= 2) {
      const first = found.split(/[/\\]/)[1] ?? '';
      if (!windows && ROUTE_SEGMENTS.has(first)) {
        i = end;
        continue;
      }
      cuts.push({ start: i, end, text: relativeToRoot(found) });
    }
    i = end;
  }
}

/**
 * Redact personal data and secrets inside any text, in time linear in its length: e-mail addresses, API keys and
 * tokens (provider-prefixed keys, `Bearer …`, `api_key=…`, JWT-shaped strings, long hex or base64 secrets),
 * credentials in URLs, and absolute file paths (reduced to a name relative to a known root). Returns the text
 * unchanged (the same string) when nothing matched.
 */
export function redactText(s: string): string {
  if (s.length < 5) return s;
  // Most strings (names, labels, metrics) hold none of @ : / \\ = and no "Bearer"/"Basic": only a key or token can be
  // in them, and one pass over the token runs decides.
  if (!hasSeparators(s)) {
    const tokens: Cut[] = [];
    findTokens(s, tokens);
    return applyCuts(s, tokens);
  }
  const cuts: Cut[] = [];
  findEmails(s, cuts);
  findUrlCredentials(s, cuts);
  findLabelledSecrets(s, cuts);
  findTokens(s, cuts);
  // Paths second, over the already-redacted text, so that a path's kept segment never brings back a secret.
  const first = applyCuts(s, cuts);
  const paths: Cut[] = [];
  findPaths(first, paths);
  return applyCuts(first, paths);
}

/** Whether `s` holds a character that e-mails, URLs, key=value pairs or paths need, or an auth scheme word. */
function hasSeparators(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 64 || c === 58 || c === 47 || c === 92 || c === 61) return true;
    // "bearer" / "basic", any case: b or B followed by e/a.
    if ((c === 98 || c === 66) && i + 5 < s.length) {
      const next = s.charCodeAt(i + 1) | 0x20;
      if (next === 101 || next === 97) {
        const word = s.slice(i, i + 6).toLowerCase();
        if (word === 'bearer' || word.startsWith('basic')) return true;
      }
    }
  }
  return false;
}

/** Replace the cuts (sorted; overlapping ones merged so that no fragment of a secret is left). */
function applyCuts(s: string, cuts: Cut[]): string {
  if (cuts.length === 0) return s;
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const cut of cuts) {
    if (cut.start < pos) {
      if (cut.end > pos) pos = cut.end;
      continue;
    }
    out += s.slice(pos, cut.start) + cut.text;
    pos = cut.end;
  }
  return out + s.slice(pos);
}
