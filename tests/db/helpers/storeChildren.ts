import { spawn } from 'node:child_process';
import path from 'node:path';
import type { StoreConfig } from '@/lib/db/openStore';
import { within } from '../../support/deadline';

const CHILD = path.join(__dirname, 'storeChild.ts');
const REPO = path.resolve(__dirname, '..', '..', '..');

/** What one child reported. */
export interface ChildResult {
  code: number | null;
  stderr: string;
  /** Its JSON line, when it got that far. */
  report?: { runs: number; pg: boolean; betterSqlite3: boolean };
}

/** Start `n` processes that open the same store at the same moment (each waits until all are loaded); resolves when all have exited. */
export async function openFromProcesses(config: StoreConfig, n: number): Promise<ChildResult[]> {
  const target = config.kind === 'postgres' ? config.url : config.file;
  const children = Array.from({ length: n }, (_, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, config.kind, target, `run-${i}`], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => stdout.startsWith('ready\n') && resolve());
      child.once('exit', () => reject(new Error(`child ${i} exited before it was ready: ${stderr}`)));
    });
    const exited = new Promise<ChildResult>((resolve) =>
      child.once('exit', (code) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        resolve({ code, stderr, ...(line ? { report: JSON.parse(line) as ChildResult['report'] } : {}) });
      }),
    );
    return { child, ready, exited };
  });
  await within(Promise.all(children.map((c) => c.ready)), `${n} store processes loaded`, 60_000);
  for (const { child } of children) child.stdin.end('go\n');
  return within(Promise.all(children.map((c) => c.exited)), `${n} store processes done`, 60_000);
}
