import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { bytePairCount } from './bytePairCount';
import { TokenTable } from './TokenTable';
import { processWide } from '@/lib/core/processWide';

/**
 * Longest pre-token merged as a whole, in UTF-8 bytes. A longer one (a run of one character, a line of punctuation,
 * a pasted blob) is cut into pieces of this many bytes, each merged on its own: its count is then near-exact (a token no
 * longer spans a cut) and the cost stays linear. Pre-tokens of ordinary text are far shorter (words, numbers of at most
 * three digits, punctuation; a CJK sentence up to ~340 characters), so their count is exactly tiktoken's.
 */
export const MAX_PIECE_BYTES = 1024;

/**
 * Remembered counts, each cache cleared when full: words (pre-tokens of at most CACHED_WORD_LENGTH characters) and the cut
 * pieces of long pre-tokens (a run of one character is the same piece over and over; the same long text in a prompt and
 * in its JSON answer cuts the same way). Bounded: a dozen megabytes at most.
 */
const CACHED_WORD_LENGTH = 64;
const WORD_CACHE_LIMIT = 65_536;
const CUT_CACHE_LIMIT = 4_096;

interface Encoding {
  table: TokenTable;
  /** The encoding's pre-tokenizer (words, numbers of up to three digits, punctuation runs, whitespace). */
  pattern: RegExp;
  /** Count per short pre-token. */
  pieces: Map<string, number>;
  /** Count per cut piece of a longer pre-token, keyed by its bytes as a binary string. */
  cuts: Map<string, number>;
  scratch: Uint8Array;
}

// On globalThis: Next.js bundles this module into the instrumentation hook (which warms it at start-up) and into the
// routes that run pipelines; one process must build the table once, not once per copy.
const carrier = processWide('tokenEncoding', () => ({}) as { tokenEncoding?: Encoding });

function loadEncoding(): Encoding {
  return {
    table: new TokenTable(o200kBase.bpe_ranks),
    pattern: new RegExp(o200kBase.pat_str, 'gu'),
    pieces: new Map(),
    cuts: new Map(),
    scratch: new Uint8Array(4096),
  };
}

/** Write the UTF-8 bytes of `s` into enc.scratch (grown as needed); returns their count. Lone surrogates become U+FFFD. */
function encodeUtf8(s: string, enc: Encoding): number {
  if (enc.scratch.length < s.length * 3) enc.scratch = new Uint8Array(s.length * 3);
  const out = enc.scratch;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
    }
    if (c >= 0x80) out[n++] = 0x80 | (c & 63);
  }
  return n;
}

function remember(cache: Map<string, number>, limit: number, key: string, count: number): number {
  if (cache.size >= limit) cache.clear();
  cache.set(key, count);
  return count;
}

/** Tokens of one pre-token. */
function preTokenCount(piece: string, enc: Encoding): number {
  const known = enc.pieces.get(piece);
  if (known !== undefined) return known;
  const n = encodeUtf8(piece, enc);
  if (n <= MAX_PIECE_BYTES) {
    const count = bytePairCount(enc.scratch, n, enc.table);
    return piece.length <= CACHED_WORD_LENGTH ? remember(enc.pieces, WORD_CACHE_LIMIT, piece, count) : count;
  }
  let count = 0;
  for (let start = 0; start < n; start += MAX_PIECE_BYTES) {
    const cut = enc.scratch.subarray(start, Math.min(n, start + MAX_PIECE_BYTES));
    const key = String.fromCharCode(...cut);
    count += enc.cuts.get(key) ?? remember(enc.cuts, CUT_CACHE_LIMIT, key, bytePairCount(cut, cut.length, enc.table));
  }
  return count;
}

/**
 * Number of o200k_base tokens in `text` (the encoding of the gpt-4o / gpt-5 model families), in time linear in the text.
 * The encoding's pre-tokenizer splits the text and each pre-token is byte-pair merged with tiktoken's merge order
 * (bytePairCount, without tiktoken's quadratic loop: a banner line of 24,000 "=" took about a minute there). Pre-tokens
 * longer than MAX_PIECE_BYTES are merged in cut pieces, so their count is near-exact; everything else counts exactly.
 * Special-token strings such as "<|endoftext|>" are counted as ordinary text.
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  const enc = (carrier.tokenEncoding ??= loadEncoding());
  let count = 0;
  for (const match of text.matchAll(enc.pattern)) count += preTokenCount(match[0], enc);
  return count;
}

/** Build the encoder now (a fraction of a second of CPU) instead of inside the first agent call of the first run. */
export function warmTokenizer(): void {
  carrier.tokenEncoding ??= loadEncoding();
}
