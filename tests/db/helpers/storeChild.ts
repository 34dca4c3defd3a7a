/**
 * A process that opens the store, for the multi-process tests: `storeChild.ts <sqlite|postgres> <file|url> <run id>`.
 * It loads everything, prints `ready`, waits for a line on stdin (so that every child opens at the same moment), opens
 * the store (migrating it), creates a run, and prints one JSON line: the runs it sees and which drivers were loaded.
 */
import { createInterface } from 'node:readline';
import { openStore, type StoreConfig } from '@/lib/db/openStore';

const [kind, target, runId] = process.argv.slice(2);
const config: StoreConfig = kind === 'postgres' ? { kind, url: target! } : { kind: 'sqlite', file: target! };

/** Whether a package's files were loaded into this process. */
const loaded = (pkg: string) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${pkg}/`));

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const store = await openStore(config);
  try {
    await store.runs.create({ id: runId!, orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example', inputDir: null });
    const runs = (await store.runs.list('acme')).length;
    process.stdout.write(`${JSON.stringify({ runs, pg: loaded('pg'), betterSqlite3: loaded('better-sqlite3') })}\n`);
  } finally {
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
