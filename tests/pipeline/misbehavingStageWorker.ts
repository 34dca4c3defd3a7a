/**
 * A stage worker that misbehaves as a thread, outside any stage's code, when asked to compute the crosstabs, as
 * `workerData.fault` says: 'throw' (an uncaught exception), 'exit' (the thread exits), 'hang' (it never yields again,
 * so it cannot even read a cancel), 'oom' (it holds ever more memory until its heap limit ends it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import '@/lib/pipeline/cpu/stageWorker';

parentPort!.on('message', (message: { type: string; call?: string }) => {
  if (message.type !== 'call' || message.call !== 'computeCrosstabs') return;
  const fault = (workerData as { fault?: string }).fault;
  if (fault === 'exit') process.exit(7);
  if (fault === 'hang') for (;;);
  if (fault === 'oom') {
    const held: number[][] = [];
    for (;;) held.push(new Array<number>(1_000_000).fill(held.length));
  }
  throw new Error('stage worker blew up');
});
