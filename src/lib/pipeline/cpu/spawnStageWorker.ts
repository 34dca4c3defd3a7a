import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';

/**
 * Run from TypeScript sources (the CLI and the tests, under tsx or vitest), a worker compiles its entry with tsx's
 * require hook; tsx is resolved from the entry's folder, so it is found wherever the process was started from.
 */
const FROM_SOURCE = `
const { workerData } = require('node:worker_threads');
require(require.resolve('tsx/cjs/api', { paths: [workerData.entry] })).register();
require(workerData.entry);
`;

/**
 * Whether this code runs in the Next.js server build. The bundler sets NEXT_RUNTIME at build time; it also rewrites
 * `import.meta.url` to the source file's URL, so that cannot tell a build from the sources.
 */
function inNextBuild(): boolean {
  return process.env.NEXT_RUNTIME === 'nodejs';
}

/** Start a worker on a TypeScript entry file, compiled by tsx as it loads; `workerData` reaches the entry beside `entry`. */
export function spawnTypeScriptWorker(entry: string, workerData: Record<string, unknown> = {}, resourceLimits?: ResourceLimits): Worker {
  const options: WorkerOptions = { eval: true, workerData: { ...workerData, entry }, ...(resourceLimits ? { resourceLimits } : {}) };
  return new Worker(FROM_SOURCE, options);
}

/**
 * Start a stage worker (src/lib/pipeline/cpu/stageWorker.ts) with V8 `resourceLimits`: a runaway run ends its own
 * thread, never the process. In the Next.js build the bundler compiles the entry named by `new Worker(new URL(...))`
 * into a chunk of its own; from sources, tsx compiles it as the worker starts.
 */
export function spawnStageWorker(resourceLimits: ResourceLimits): Worker {
  if (inNextBuild()) return new Worker(new URL('./stageWorker.ts', import.meta.url), { resourceLimits });
  return spawnTypeScriptWorker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'stageWorker.ts'), {}, resourceLimits);
}
