import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { EventBus } from '@/lib/events/EventBus';
import { PipelineOrchestrator } from '@/lib/webRuns/pipelineOrchestrator';
import { storeUpload } from '@/lib/webRuns/uploadStore';
import { toRunJson } from '@/lib/webRuns/runJson';
import { flushObservability, initObservability, memoryLineSink } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { registerRedactionRoot } from '@/lib/redaction';
import { EnvelopeServer } from '../support/envelopeServer';
import { captureCanonicalLines, EXAMPLES } from '../pipeline/pipelineHarness';
import { memoryStore } from '../support/memoryStore';

/** Canaries planted in folder and file names, banner and survey text, and server paths. None may leave a run. */
const CANARY = {
  folderEmail: 'ana.canary@example.com',
  bannerEmail: 'canary.banner@example.org',
  bannerKey: 'sk-live-CANARYKEY0123456789',
  surveyEmail: 'survey.canary@example.net',
  uploadRoot: 'UPLOADROOT-CANARY',
  fileEmail: 'file.canary@example.io',
} as const;

let tmp: string;
let sentry: EnvelopeServer;
let lines: ReturnType<typeof captureCanonicalLines>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-canary-'));
  sentry = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: sentry.dsn(), NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }))).toBe(true);
  lines = captureCanonicalLines();
});

afterAll(async () => {
  lines?.restore();
  await Sentry.close(2000);
  await sentry?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every canary found in `text`. */
function canariesIn(text: string): string[] {
  return Object.values(CANARY).filter((c) => text.includes(c) || text.includes(c.split('@')[0]!.concat('@')));
}

/** The raw bytes of every envelope received so far. */
function everythingSentryGot(): string {
  return JSON.stringify(sentry.envelopes);
}

/** Every file of a run folder except the tables and the workbook (where labels belong). */
function runFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name !== 'tables.json' && name !== 'crosstabs.xlsx') out[name] = readFileSync(path.join(dir, name), 'utf8');
  return out;
}

function dataset(folder: string, texts: Record<string, string>): string {
  const dir = path.join(tmp, 'inputs', folder);
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(EXAMPLES, 'employee-pulse', 'employee-pulse.sav'), path.join(dir, 'employee-pulse.sav'));
  for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('canaries in inputs and names never leave a run (line, Sentry, run files)', () => {
  it('a failing run: folder named like an e-mail, a banner quoting an e-mail and a key and naming an unknown variable', async () => {
    const dir = dataset(CANARY.folderEmail, {
      'banner.md': `# Banner\n\n## Owner ${CANARY.bannerEmail}\n- Col ${CANARY.bannerKey}: NOSUCHVAR=1\n- Contact ${CANARY.bannerEmail}: NOSUCHVAR=2\n`,
    });
    const out = path.join(tmp, 'out', 'failing');
    const result = await runPipeline({ lineSink: lines.sink, inputs: { datasetDir: dir }, outputDir: out, runId: 'canary-failing', source: 'cli' });
    expect(result.outcome).toBe('error');
    expect(result.error?.stage).toBe('CrosstabAgent');
    expect(await flushObservability(5000)).toBe(true);
    await sentry.waitFor(() => sentry.events().some((e) => (e.tags as Record<string, string>).pipeline_id === 'canary-failing'));
    expect(canariesIn(lines.byRun('canary-failing').join('\n')), 'line').toEqual([]);
    expect(canariesIn(everythingSentryGot()), 'Sentry').toEqual([]);
    for (const [name, text] of Object.entries(runFiles(out))) expect(canariesIn(text), name).toEqual([]);
    // The redacted line still says what went wrong and where.
    const line = JSON.parse(lines.byRun('canary-failing')[0]!) as { dataset: string; error: { message: string; stage: string } };
    expect(line.dataset).toBe('[email]');
    expect(line.error.stage).toBe('CrosstabAgent');
    expect(line.error.message).toContain('NOSUCHVAR');
  });

  it('a successful run with a survey quoting an e-mail, in a folder named like an e-mail', async () => {
    const dir = dataset(`${CANARY.folderEmail}-ok`, {
      'survey.md': `# Survey\n\nContact ${CANARY.surveyEmail} with questions.\n\nQ1. How satisfied are you?\n`,
    });
    const out = path.join(tmp, 'out', 'succeeding');
    const result = await runPipeline({ lineSink: lines.sink, inputs: { datasetDir: dir }, outputDir: out, runId: 'canary-success', source: 'cli' });
    expect(['success', 'partial']).toContain(result.outcome);
    expect(await flushObservability(5000)).toBe(true);
    await sentry.waitFor(() => sentry.events().some((e) => (e.tags as Record<string, string>).pipeline_id === 'canary-success'));
    expect(canariesIn(lines.byRun('canary-success').join('\n')), 'line').toEqual([]);
    expect(canariesIn(everythingSentryGot()), 'Sentry').toEqual([]);
    for (const [name, text] of Object.entries(runFiles(out))) expect(canariesIn(text), name).toEqual([]);
  });

  it('a corrupt web upload names the user’s file, never the server’s upload path', async () => {
    const uploadRoot = path.join(tmp, CANARY.uploadRoot, 'uploads');
    const outputRoot = path.join(tmp, CANARY.uploadRoot, 'outputs');
    registerRedactionRoot(uploadRoot);
    registerRedactionRoot(outputRoot);
    const { runs } = await memoryStore();
    const { sink, lines: webLines } = memoryLineSink();
    const orchestrator = new PipelineOrchestrator({ runPipeline, runs, bus: new EventBus(), maxConcurrent: 1, outputRoot, lineSink: sink });
    const fileName = `survey of ${CANARY.fileEmail}.sav`;
    const corrupt = Buffer.concat([Buffer.from('$FL2@(#) IBM SPSS STATISTICS'), Buffer.alloc(40)]);
    const stored = await storeUpload(uploadRoot, 'canary-web', [{ field: 'dataFile', name: fileName, bytes: corrupt }], 'survey');
    await runs.create({ id: 'canary-web', orgId: 'acme', userId: 'u1', dataset: 'survey', inputKind: 'upload', inputDir: stored.dir });
    const record = await orchestrator.runPipelineFromUpload({ runId: 'canary-web', orgId: 'acme', userId: 'u1', inputs: stored.inputs });
    expect(record?.status).toBe('error');
    const api = JSON.stringify(toRunJson(record!));
    expect(toRunJson(record!).error?.message).toMatch(/^survey of \[email\] is truncated or corrupt/);
    expect(await flushObservability(5000)).toBe(true);
    await sentry.waitFor(() => sentry.events().some((e) => (e.tags as Record<string, string>).pipeline_id === 'canary-web'));
    expect(canariesIn(api), 'API').toEqual([]);
    expect(canariesIn(webLines.join('\n')), 'line').toEqual([]);
    expect(canariesIn(everythingSentryGot()), 'Sentry').toEqual([]);
    for (const [name, text] of Object.entries(runFiles(path.join(outputRoot, 'acme', 'canary-web')))) expect(canariesIn(text), name).toEqual([]);
  });
});
