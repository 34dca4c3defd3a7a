import type { TokenTable } from './TokenTable';

/** Heap key of a candidate merge: rank first, then the start offset (lowest rank wins, leftmost on ties). */
const RANK_SCALE = 2 ** 32;

/** Working arrays, reused across calls and grown as needed (counting is synchronous, so one set suffices). */
let next = new Int32Array(0);
let prev = new Int32Array(0);
let pairRank = new Int32Array(0);
let heap = new Float64Array(0);

function ensureCapacity(n: number): void {
  if (next.length > n) return;
  const size = Math.max(n + 1, next.length * 2);
  next = new Int32Array(size);
  prev = new Int32Array(size);
  pairRank = new Int32Array(size);
  // Pushes: the n - 1 initial pairs plus at most two per merge.
  heap = new Float64Array(size * 3);
}

/**
 * Number of tokens byte-pair encoding makes of bytes[0, n). Same merges as tiktoken (repeatedly merge the adjacent pair
 * of lowest rank, leftmost first) but with a heap over a linked list of parts: O(n log n) where tiktoken's loop is O(n²).
 */
export function bytePairCount(bytes: Uint8Array, n: number, table: TokenTable): number {
  if (n <= 1) return n;
  if (table.rankOf(bytes, 0, n) >= 0) return 1;
  ensureCapacity(n);

  // Parts are a linked list of start offsets: next[i] is the start of the part after the one starting at i (n = end).
  // pairRank[i] is the rank of (part at i + the part after it), or -1 when there is none or it is not a token.
  let size = 0;
  for (let i = 0; i <= n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i < n - 1; i++) {
    const rank = table.rankOf(bytes, i, i + 2);
    pairRank[i] = rank;
    if (rank >= 0) size = heapPush(size, rank * RANK_SCALE + i);
  }
  pairRank[n - 1] = -1;

  let parts = n;
  while (size > 0) {
    const key = heap[0]!;
    size = heapPop(size);
    const rank = Math.floor(key / RANK_SCALE);
    const i = key - rank * RANK_SCALE;
    // Entries whose pair has since changed (a neighbour merged) are stale: a start's pair only ever grows, so its rank differs.
    if (pairRank[i] !== rank) continue;
    const j = next[i]!;
    const k = next[j]!;
    next[i] = k;
    prev[k] = i;
    pairRank[j] = -1;
    parts--;
    const r1 = k < n ? table.rankOf(bytes, i, next[k]!) : -1;
    pairRank[i] = r1;
    if (r1 >= 0) size = heapPush(size, r1 * RANK_SCALE + i);
    const p = prev[i]!;
    if (p >= 0) {
      const r0 = table.rankOf(bytes, p, k);
      pairRank[p] = r0;
      if (r0 >= 0) size = heapPush(size, r0 * RANK_SCALE + p);
    }
  }
  return parts;
}

/** Push onto the heap of `size` entries; returns the new size. */
function heapPush(size: number, value: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent]!;
    if (above <= value) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = value;
  return size + 1;
}

/** Remove the smallest entry (heap[0]) from the heap of `size` entries; returns the new size. */
function heapPop(size: number): number {
  const n = size - 1;
  const last = heap[n]!;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= last) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = last;
  return n;
}
