/** Logs for `npm run bench:runs`: a large log of real canonical lines among other output, and a log holding one huge line. */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LocalModelProvider, resetModelProvider, setModelProvider } from '@/lib/llm';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';

const MiB = 1024 * 1024;
const OTHER_OUTPUT = [
  'GET /runs 200 in 35ms',
  '[settings] SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1; using 1',
  'POST /api/process-crosstab 202 in 18ms',
];
const OUTCOMES = ['success', 'success', 'success', 'partial', 'error'];
const DATASETS = ['employee-pulse', 'brand-tracker', 'park-survey'];

/** One real canonical line: a run of the bundled employee-pulse example with the local model. */
export async function realLine(root: string, tmp: string): Promise<string> {
  let text = '';
  setModelProvider(new LocalModelProvider());
  try {
    await runPipeline({
      inputs: { datasetDir: path.join(root, 'examples/employee-pulse') },
      outputDir: path.join(tmp, 'run'),
      runId: 'bench-template',
      source: 'cli',
      lineSink: (finished) => void (text = finished.text),
    });
  } finally {
    resetModelProvider();
  }
  return text;
}

/** The line of run `i`: the template with its own id, start time, outcome and dataset. */
function nthLine(template: Record<string, unknown>, i: number): string {
  const startedAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000);
  return JSON.stringify({
    ...template,
    pipelineId: `bench-${String(i).padStart(7, '0')}`,
    dataset: DATASETS[i % DATASETS.length],
    outcome: OUTCOMES[i % OUTCOMES.length],
    startedAt: startedAt.toISOString(),
    timestamp: new Date(startedAt.getTime() + Number(template.durationMs)).toISOString(),
  });
}

/** Write about `mib` MiB of log: each run's line among other output, and now and then a cut line. Returns the runs written. */
export function writeMixedLog(file: string, templateText: string, mib: number): number {
  const template = JSON.parse(templateText) as Record<string, unknown>;
  const fd = openSync(file, 'w');
  let bytes = 0;
  let runs = 0;
  try {
    while (bytes < mib * MiB) {
      const parts: string[] = [];
      for (let k = 0; k < 100; k += 1, runs += 1) {
        const line = nthLine(template, runs);
        parts.push(OTHER_OUTPUT[runs % OTHER_OUTPUT.length]!, runs % 1000 === 999 ? line.slice(0, 500) : line);
      }
      const chunk = `${parts.join('\n')}\n`;
      writeSync(fd, chunk);
      bytes += Buffer.byteLength(chunk);
    }
  } finally {
    closeSync(fd);
  }
  return runs;
}

/** Write a log of four runs around one canonical line of `mib` MiB (written in pieces, never held whole). */
export function writeLongLineLog(file: string, templateText: string, mib: number): void {
  const template = JSON.parse(templateText) as Record<string, unknown>;
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${nthLine(template, 0)}\n${nthLine(template, 1)}\n`);
    writeSync(fd, `${nthLine(template, 2).slice(0, -1)},"blob":"`);
    const piece = 'b'.repeat(MiB);
    for (let m = 0; m < mib; m += 1) writeSync(fd, piece);
    writeSync(fd, `"}\n${nthLine(template, 3)}\n${nthLine(template, 4)}\n`);
  } finally {
    closeSync(fd);
  }
}
