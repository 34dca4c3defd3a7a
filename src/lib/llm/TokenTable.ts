const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** FNV-1a over bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * The tokens of a BPE encoding in flat typed arrays: rank of any byte span, found by hashing the span in place
 * (no string built per lookup, so merging stays cheap on long inputs).
 */
export class TokenTable {
  private readonly pool: Uint8Array;
  /** Per token: offset in the pool, byte length, rank (side by side, one cache line per lookup). */
  private readonly meta: Int32Array;
  /** Open-addressed slots of [hash, token index + 1] (0 = empty); the hash is compared before touching the token. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Rank of every two-byte token by (first byte << 8 | second byte), -1 when none: the most frequent lookup. */
  private readonly pairs = new Int32Array(65_536).fill(-1);

  /** Build from tiktoken's rank file format: lines of "<name> <first rank> <base64 token> <base64 token> …". */
  constructor(bpeRanks: string) {
    const lines = bpeRanks.split('\n');
    let count = 0;
    let poolSize = 0;
    for (const line of lines) {
      const fields = line.split(' ');
      for (let f = 2; f < fields.length; f++) {
        count++;
        poolSize += Math.floor((fields[f]!.length * 3) / 4);
      }
    }
    this.pool = new Uint8Array(poolSize);
    this.meta = new Int32Array(count * 3);
    let size = 1;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;

    let at = 0;
    let index = 0;
    for (const line of lines) {
      const fields = line.split(' ');
      let rank = Number.parseInt(fields[1] ?? '', 10);
      if (!Number.isFinite(rank)) continue;
      for (let f = 2; f < fields.length; f++) {
        const len = this.decodeBase64(fields[f]!, at);
        this.meta[index * 3] = at;
        this.meta[index * 3 + 1] = len;
        this.meta[index * 3 + 2] = rank;
        if (len === 2) this.pairs[(this.pool[at]! << 8) | this.pool[at + 1]!] = rank;
        this.insert(index);
        rank++;
        at += len;
        index++;
      }
    }
  }

  /** Rank of the token whose bytes are bytes[start, end), or -1 when there is none. */
  rankOf(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === 2) return this.pairs[(bytes[start]! << 8) | bytes[start + 1]!]!;
    const hash = hashBytes(bytes, start, end) | 0;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot * 2 + 1]!;
      if (entry === 0) return -1;
      if (this.slots[slot * 2] !== hash) continue;
      const m = (entry - 1) * 3;
      if (this.meta[m + 1] === len && this.sameBytes(this.meta[m]!, len, bytes, start)) return this.meta[m + 2]!;
    }
  }

  private sameBytes(off: number, len: number, bytes: Uint8Array, start: number): boolean {
    for (let i = 0; i < len; i++) if (this.pool[off + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(t: number): void {
    const off = this.meta[t * 3]!;
    const hash = hashBytes(this.pool, off, off + this.meta[t * 3 + 1]!) | 0;
    let slot = hash & this.mask;
    while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = t + 1;
  }

  /** Decode one base64 token into the pool at `at`; returns its byte length. */
  private decodeBase64(text: string, at: number): number {
    let bits = 0;
    let buffered = 0;
    let out = at;
    for (let i = 0; i < text.length; i++) {
      const v = BASE64_VALUE[text.charCodeAt(i)] ?? -1;
      if (v < 0) break;
      bits = (bits << 6) | v;
      buffered += 6;
      if (buffered >= 8) {
        buffered -= 8;
        this.pool[out++] = (bits >> buffered) & 0xff;
      }
    }
    return out - at;
  }
}
