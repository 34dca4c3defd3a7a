/**
 * Child of bench-inputs: reads one .sav with the default limits (or only loads the reader, with no file) and prints one
 * JSON line: milliseconds, cases, variables, and the error when the file was refused.
 */
import { readSavFile } from '@/lib/sav';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    process.stdout.write(`${JSON.stringify({ ms: 0 })}\n`);
    return;
  }
  const started = performance.now();
  try {
    const d = await readSavFile(file, { label: 'file.sav' });
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, cases: d.cases.count, variables: d.variables.length })}\n`);
  } catch (err) {
    const e = err as Error;
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, error: `${e.name}: ${e.message}` })}\n`);
  }
}

void main();
