import type { ResourceLimits } from 'node:worker_threads';
import type { InputLimits } from '@/lib/core/inputLimits';

const MIB = 1024 * 1024;

/** Heap a stage worker needs besides the data: code, the data map, tables, computed crosstabs, the workbook's rows. */
const BASE_HEAP_MB = 256;

/**
 * The V8 limits of a stage worker, derived from the input limits. Numeric cells live outside the V8 heap (typed arrays,
 * bounded by SAV_MAX_DECODED_MB itself); the heap holds text cells and everything computed from the data, about twice
 * the decoded size at worst. A run past these ends its worker with ERR_WORKER_OUT_OF_MEMORY (the run fails, naming it),
 * never the process.
 */
export function stageWorkerResourceLimits(limits: InputLimits): ResourceLimits {
  return { maxOldGenerationSizeMb: BASE_HEAP_MB + Math.ceil((2 * limits.maxDecodedBytes) / MIB) };
}
