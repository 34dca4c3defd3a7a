/** The stage worker failed outside the stage's own code (it crashed, ran out of memory, or could not start). */
export class StageWorkerError extends Error {
  override readonly name = 'StageWorkerError';
}
