import { measureSav } from '@/lib/sav';

const MIB = 1024 * 1024;

/** What any run holds whatever its data (its stage worker's start, the agents' state, the workbook). */
const RUN_FLOOR_BYTES = 32 * MIB;

/**
 * Peak memory per byte of decoded data, measured on whole runs (`npm run bench:inputs`): the cases themselves, the
 * banner membership and base masks of the crosstab stage, and a numeric table's values (2.2–2.7× measured; 3× kept).
 */
const BYTES_PER_DECODED_BYTE = 3;

/**
 * What a run on this .sav is expected to hold at its peak, from its decoded size (header, dictionary and ZLIB trailer
 * read, no case decoded). A file that cannot be measured (or no file) counts as the floor: its run stops at validation.
 */
export async function estimateRunMemory(savPath: string): Promise<number> {
  const decoded = await measureSav(savPath).then(
    (m) => m.decodedBytes,
    () => 0,
  );
  return RUN_FLOOR_BYTES + BYTES_PER_DECODED_BYTE * decoded;
}

interface Waiter {
  bytes: number;
  admit: () => void;
}

/**
 * The memory runs of one process may hold at once. A run is admitted when its estimate fits beside the runs admitted
 * before it, or when none is (a run bigger than the whole budget runs alone, never waits forever; the input limits
 * refuse what no process could hold). First come, first admitted: a big run is never overtaken by small ones for ever.
 */
export class MemoryBudget {
  private used = 0;
  private holders = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly budgetBytes: number) {}

  /** Whether a run of `bytes` fits beside the runs held now (or none is held). */
  private fits(bytes: number): boolean {
    return this.holders === 0 || this.used + bytes <= this.budgetBytes;
  }

  /** Admit a run of `bytes` now if it fits; returns its release, or null. */
  tryTake(bytes: number): (() => void) | null {
    if (this.waiting.length > 0 || !this.fits(bytes)) return null;
    return this.hold(bytes);
  }

  /**
   * Wait for room for a run of `bytes`, in arrival order; resolves with its release. An abort stops the wait at once
   * (resolving with a release that frees nothing), so a cancelled run ends without waiting for memory it will not use.
   */
  take(bytes: number, signal?: AbortSignal): Promise<() => void> {
    const now = this.tryTake(bytes);
    if (now) return Promise.resolve(now);
    if (signal?.aborted) return Promise.resolve(() => undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        bytes,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.hold(bytes));
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(() => undefined);
        this.admitWaiting();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Bytes held by admitted runs now. */
  get usedBytes(): number {
    return this.used;
  }

  private hold(bytes: number): () => void {
    this.used += bytes;
    this.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.holders -= 1;
      this.admitWaiting();
    };
  }

  private admitWaiting(): void {
    for (let next = this.waiting[0]; next && this.fits(next.bytes); next = this.waiting[0]) {
      this.waiting.shift();
      next.admit();
    }
  }
}
