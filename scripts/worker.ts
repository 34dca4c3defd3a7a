/**
 * Worker entry of the distributed mode: `npm run worker` (DATABASE_URL and REDIS_URL set, as for the app instances).
 * Takes runs from the Redis queue and runs them until SIGTERM or SIGINT. Run it as `node --import tsx`, as the npm
 * script does (the tsx CLI would kill a busy child on a relayed signal before its runs end).
 */
void (async () => {
  const { runWorkerProcess } = await import('@/lib/webRuns/queue/workerProcess');
  process.exitCode = await runWorkerProcess();
  // Connections and timers of the queue library may keep the loop alive: the worker's work is done.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
})();
