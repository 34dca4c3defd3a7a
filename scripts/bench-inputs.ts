/**
 * Input benchmark: `npm run bench:inputs` (needs pspp for the 30,000 × 300 survey).
 * For the survey and for each hostile file (a ZLIB file of millions of cases in a few KB, one that goes past the cell
 * limit, a block that lies about its size, a block declaring 1 GiB, a dictionary of 100,000 variables), prints the
 * peak RSS and time of reading it (a process that only reads it), then of a whole CLI run on it, with how it ended.
 * Peak RSS is the process's, every thread included. Default limits throughout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { createDeflate } from 'node:zlib';
import { measureSav } from '@/lib/sav';
import { writeWideSav } from '../tests/e2e/wideDataset';
import { repeatedCodes, savBytes } from '../tests/support/savBytes';

const ROOT = path.resolve(__dirname, '..');
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

interface Measured {
  ms: number;
  peakRssMiB: number;
  outcome: string;
}

/** A deflate stream of `bytes` zero bytes (valid bytecode: code 0 is padding), made without holding them. */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MIB);
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(
      (function* () {
        for (let done = 0; done < bytes; done += MIB) yield chunk;
      })(),
    ),
    createDeflate({ level: 9 }),
    new Writable({
      write(c: Buffer, _enc, next) {
        out.push(c);
        next();
      },
    }),
  );
  return Buffer.concat(out);
}

/** Run node with the peak-RSS preload; returns what it printed, its exit code, wall time and peak RSS. */
function node(args: string[]): { stdout: string; stderr: string; code: number | null; ms: number; peakRssMiB: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/reportMaxRss.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SENTRY_DSN: '' },
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
    // fd 3 receives the process's peak RSS in KiB as it exits.
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const ms = performance.now() - started;
  const reported = Number(String(r.output[3] ?? '').trim());
  return { stdout: r.stdout, stderr: r.stderr, code: r.status, ms, peakRssMiB: reported > 0 ? reported / 1024 : Number.NaN };
}

function readOnly(file: string | null): Measured {
  const r = node(['scripts/bench/readSavChild.ts', ...(file ? [file] : [])]);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms?: number; cases?: number; variables?: number; error?: string };
  const outcome = result.error ?? (file ? `read ${result.cases?.toLocaleString('en-US')} cases × ${result.variables} variables` : 'loaded, nothing read');
  return { ms: result.ms ?? r.ms, peakRssMiB: r.peakRssMiB, outcome };
}

function cliRun(datasetDir: string, dir: string): Measured {
  const r = node(['scripts/run-pipeline.ts', datasetDir, '--out', path.join(dir, 'out', path.basename(datasetDir))]);
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  const parsed = line ? (JSON.parse(line) as { outcome: string; error?: { type: string } }) : null;
  const outcome = parsed ? `exit ${r.code}, ${parsed.outcome}${parsed.error ? ` (${parsed.error.type})` : ''}, 1 line` : `exit ${r.code}, no line`;
  return { ms: r.ms, peakRssMiB: r.peakRssMiB, outcome };
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crosstab-bench-inputs-'));
  try {
    const put = (name: string, bytes: Buffer) => {
      mkdirSync(path.join(dir, name), { recursive: true });
      const file = path.join(dir, name, `${name}.sav`);
      writeFileSync(file, bytes);
      return file;
    };
    const wideDir = path.join(os.tmpdir(), 'crosstab-bench-tables');
    const wideFile = path.join(wideDir, 'wide-survey.sav');
    if (!existsSync(wideFile)) writeWideSav(wideDir);
    mkdirSync(path.join(dir, 'survey-30000x300'), { recursive: true });
    writeFileSync(path.join(dir, 'survey-30000x300', 'survey.sav'), readFileSync(wideFile));

    const files: Array<{ name: string; file: string }> = [
      { name: 'survey-30000x300', file: path.join(dir, 'survey-30000x300', 'survey.sav') },
      {
        name: 'zlib-16.8M-cases',
        file: put('zlib-16.8M-cases', savBytes({ variables: 1, declaredCases: 16_800_000, codes: repeatedCodes(16_800_000, 1), compression: 'zlib' })),
      },
      {
        name: 'zlib-30M-no-count',
        file: put('zlib-30M-no-count', savBytes({ variables: 1, declaredCases: -1, codes: repeatedCodes(30_000_000, 1), compression: 'zlib' })),
      },
      {
        name: 'block-4KiB-inflates-1GiB',
        file: put(
          'block-4KiB-inflates-1GiB',
          savBytes({
            variables: 1,
            declaredCases: -1,
            codes: Buffer.alloc(0),
            compression: 'zlib',
            compressedBlocks: [{ data: await deflatedZeros(GIB), declaredSize: 4096 }],
          }),
        ),
      },
      {
        name: 'block-declares-1GiB',
        file: put(
          'block-declares-1GiB',
          savBytes({
            variables: 1,
            declaredCases: -1,
            codes: Buffer.alloc(0),
            compression: 'zlib',
            compressedBlocks: [{ data: await deflatedZeros(GIB), declaredSize: GIB }],
          }),
        ),
      },
      {
        name: 'dictionary-100k-variables',
        file: put('dictionary-100k-variables', savBytes({ variables: 100_000, declaredCases: 3, codes: repeatedCodes(3, 100_000), compression: 'bytecode' })),
      },
    ];

    // The floor: a process that loads the reader and reads nothing (the lowest of three, once tsx's cache is warm).
    const floor = [0, 1, 2].map(() => readOnly(null)).reduce((a, b) => (b.peakRssMiB < a.peakRssMiB ? b : a));
    console.log(`Reader loaded, nothing read: peak RSS ${floor.peakRssMiB.toFixed(0)} MiB (the floor of every "read" figure below)\n`);
    console.log(
      `${'file'.padEnd(27)}${'on disk'.padStart(10)}${'decoded'.padStart(11)}   ${'read: ms'.padStart(9)}${'peak MiB'.padStart(10)}${'÷decoded'.padStart(10)}   ${'CLI: ms'.padStart(8)}${'peak MiB'.padStart(10)}   outcome`,
    );
    for (const f of files) {
      const size = readFileSync(f.file).length;
      const decoded = await measureSav(f.file).then(
        (m) => m.decodedBytes,
        () => Number.NaN,
      );
      const read = readOnly(f.file);
      const cli = cliRun(path.dirname(f.file), dir);
      const ratio = read.outcome.startsWith('read') ? ((read.peakRssMiB - floor.peakRssMiB) * MIB) / decoded : Number.NaN;
      console.log(
        `${f.name.padEnd(27)}${`${(size / 1024).toFixed(0)} KB`.padStart(10)}${`${(decoded / MIB).toFixed(0)} MiB`.padStart(11)}   ${read.ms.toFixed(0).padStart(9)}${read.peakRssMiB.toFixed(0).padStart(10)}${(Number.isFinite(ratio) ? ratio.toFixed(2) : '—').padStart(10)}   ${cli.ms.toFixed(0).padStart(8)}${cli.peakRssMiB.toFixed(0).padStart(10)}   ${cut(`${read.outcome} | CLI ${cli.outcome}`, 150)}`,
      );
    }
    console.log("\n÷decoded: the read's peak RSS above the floor, divided by the data's decoded size (cases × 8 bytes per value).");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
