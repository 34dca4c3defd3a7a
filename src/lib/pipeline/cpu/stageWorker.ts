/**
 * Entry of the stage worker: a thread that runs one run's CPU-bound stages (RunComputation) on the messages of the
 * thread that started it, so that thread stays free to serve requests. The dataset lives here for the whole run; a
 * worker may serve several runs one after the other (stageWorkerPool), each from a fresh RunComputation.
 */
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { RunComputation } from './RunComputation';
import { transferError } from './transferredError';
import type { FromStageWorker, ToStageWorker } from './workerMessages';

const port = parentPort;
if (!port) throw new Error('stageWorker must run as a worker thread');

// On Linux a nice value belongs to a thread, and pid 0 names the calling one: under load, the thread serving requests
// gets the CPU before this one. (Elsewhere it would lower the whole process, so it is left alone there.)
if (process.platform === 'linux') {
  try {
    setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted: the worker runs at the process's priority.
  }
}

/** The current run's state; a reset starts the next run's. */
let cancel = new AbortController();
let computation = new RunComputation(cancel.signal);

function reply(message: FromStageWorker): void {
  try {
    port!.postMessage(message);
  } catch (err) {
    // A result that cannot be cloned still answers its call.
    if (message.type === 'result') port!.postMessage({ type: 'error', id: message.id, error: transferError(err) } satisfies FromStageWorker);
  }
}

port.on('message', (message: ToStageWorker) => {
  if (message.type === 'cancel') {
    cancel.abort();
    return;
  }
  if (message.type === 'reset') {
    void computation.close();
    cancel = new AbortController();
    computation = new RunComputation(cancel.signal);
    return;
  }
  const { id, call, args } = message;
  const method = computation[call] as (...a: unknown[]) => Promise<unknown>;
  method
    .apply(computation, args)
    .then((value) => reply({ type: 'result', id, value }))
    .catch((err: unknown) => reply({ type: 'error', id, error: transferError(err) }));
});
