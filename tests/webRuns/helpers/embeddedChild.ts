/**
 * A server-like process in the embedded mode, for the test of what it loads: builds the process's orchestrator from
 * the environment (no DATABASE_URL, no REDIS_URL), runs one bundled example through it, and prints one JSON line: the
 * run's status and which of the distributed mode's packages were loaded.
 */
import path from 'node:path';
import { getAppStore } from '@/lib/db/appStore';
import { getOrchestrator } from '@/lib/webRuns/orchestratorInstance';

const loaded = (pkg: string) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${pkg}/`));

async function main(): Promise<void> {
  const store = await getAppStore();
  const orchestrator = await getOrchestrator();
  const example = path.resolve(__dirname, '../../../examples/employee-pulse/employee-pulse.sav');
  await store.runs.create({ id: 'embedded-1', orgId: 'acme', userId: 'u1', dataset: 'employee-pulse', inputKind: 'example', inputDir: null });
  const record = await orchestrator.runPipelineFromUpload({
    runId: 'embedded-1',
    orgId: 'acme',
    userId: 'u1',
    inputs: { datasetName: 'employee-pulse', savPath: example },
  });
  const report = { status: record?.status, bullmq: loaded('bullmq'), ioredis: loaded('ioredis'), pg: loaded('pg'), betterSqlite3: loaded('better-sqlite3') };
  process.stderr.write(`${JSON.stringify(report)}\n`);
  await orchestrator.shutdown(1000);
  await store.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
