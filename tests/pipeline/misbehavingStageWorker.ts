/**
 * A stage worker that misbehaves as a thread, outside any stage's code, when asked to compute the crosstabs, as
 * `workerData.fault` says: 'throw' (an uncaught exception), 'exit' (the thread exits), 'hang' (it never yields again,
 * so it cannot even read a cancel).
 */
import { parentPort, workerData } from 'node:worker_threads';
import '@/lib/pipeline/cpu/stageWorker';

parentPort!.on('message', (message: { type: string; call?: string }) => {
  if (message.type !== 'call' || message.call !== 'computeCrosstabs') return;
  const fault = (workerData as { fault?: string }).fault;
  if (fault === 'exit') process.exit(7);
  if (fault === 'hang') for (;;);
  throw new Error('stage worker blew up');
});
