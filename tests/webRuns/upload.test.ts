import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateUpload, looksLikeSav } from '@/lib/webRuns/uploadRules';
import { handleUpload, type UploadDeps } from '@/lib/webRuns/handleUpload';
import { datasetNameFromFile } from '@/lib/webRuns/uploadStore';
import type { AuthContext } from '@/lib/auth/AuthContext';
import type { ExampleDataset } from '@/lib/webRuns/examples';
import { SAV_MAGIC, tempDir } from '../support/webInputs';
import { memoryStore } from '../support/memoryStore';

const MB = 1024 * 1024;
const auth: AuthContext = { userId: 'u1', orgId: 'acme', email: 'ana@acme.test', role: 'analyst', via: 'bearer' };
const example: ExampleDataset = {
  name: 'brand-tracker',
  savFile: 'brand.sav',
  hasBanner: true,
  hasSurvey: false,
  inputs: { datasetName: 'brand-tracker', savPath: '/examples/brand-tracker/brand.sav', bannerPath: '/examples/brand-tracker/banner.md' },
};

describe('validateUpload', () => {
  const opts = { maxBytes: 10 * MB, examples: ['brand-tracker'] };
  it('requires a .sav unless an example is chosen', () => {
    expect(validateUpload({}, opts)).toMatchObject({ status: 400, code: 'missing_data_file' });
    expect(validateUpload({ bannerPlan: { name: 'b.md', size: 10 } }, opts)).toMatchObject({ code: 'missing_data_file' });
    expect(validateUpload({ example: 'brand-tracker' }, opts)).toBeNull();
  });
  it('rejects wrong types, oversized and empty files, unknown examples and mixed input', () => {
    expect(validateUpload({ dataFile: { name: 'data.csv', size: 10 } }, opts)).toMatchObject({ status: 415, code: 'wrong_file_type', field: 'dataFile' });
    expect(validateUpload({ dataFile: { name: 'd.sav', size: 10 }, survey: { name: 's.pdf', size: 10 } }, opts)).toMatchObject({
      status: 415,
      field: 'survey',
    });
    expect(validateUpload({ dataFile: { name: 'd.sav', size: 11 * MB } }, opts)).toMatchObject({ status: 413, code: 'file_too_large' });
    expect(validateUpload({ dataFile: { name: 'd.sav', size: 11 * MB } }, opts)?.message).toContain('10.0 MB');
    expect(validateUpload({ dataFile: { name: 'd.sav', size: 0 } }, opts)).toMatchObject({ code: 'empty_file' });
    expect(validateUpload({ example: '../etc' }, opts)).toMatchObject({ code: 'unknown_example' });
    expect(validateUpload({ example: 'brand-tracker', dataFile: { name: 'd.sav', size: 1 } }, opts)).toMatchObject({ code: 'ambiguous_input' });
    expect(validateUpload({ dataFile: { name: 'D.SAV', size: 10 }, bannerPlan: { name: 'b.TXT', size: 3 } }, opts)).toBeNull();
  });
  it('recognises the SPSS file signature', () => {
    expect(looksLikeSav(SAV_MAGIC)).toBe(true);
    expect(looksLikeSav(new TextEncoder().encode('id,age\n1,2'))).toBe(false);
  });
  it('derives a safe dataset name from the file name', () => {
    expect(datasetNameFromFile('My Survey (2024).sav')).toBe('My-Survey-2024');
    expect(datasetNameFromFile('../../x.sav')).toBe('x');
    expect(datasetNameFromFile('.sav')).toBe('upload');
  });
});

describe('handleUpload', () => {
  async function setup(maxBytes = 1 * MB) {
    const uploadRoot = tempDir();
    const { runs } = await memoryStore();
    const start = vi.fn<UploadDeps['start']>();
    const log = vi.fn<UploadDeps['log']>();
    const deps: UploadDeps = { runs, uploadRoot, maxBytes, examples: [example], start, log, newId: () => 'run-1', now: () => 1_700_000_000_000 };
    return { uploadRoot, runs, start, log, deps };
  }
  const post = (form: FormData) => new Request('http://app.test/api/process-crosstab', { method: 'POST', body: form });
  const file = (bytes: Uint8Array<ArrayBuffer> | string, name: string) => new File([bytes], name);

  async function expectRefused(form: FormData, status: number, code: string, maxBytes?: number) {
    const { uploadRoot, runs, start, deps } = await setup(maxBytes);
    const res = await handleUpload(post(form), auth, deps);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect(readdirSync(uploadRoot)).toEqual([]);
    expect(await runs.list('acme')).toEqual([]);
    expect(start).not.toHaveBeenCalled();
  }

  it('refuses a missing .sav, a wrong type, an oversized file and a fake .sav without storing or starting anything', async () => {
    const onlyBanner = new FormData();
    onlyBanner.set('bannerPlan', file('# Banner', 'banner.md'));
    await expectRefused(onlyBanner, 400, 'missing_data_file');

    const csv = new FormData();
    csv.set('dataFile', file('id,age', 'data.csv'));
    await expectRefused(csv, 415, 'wrong_file_type');

    const big = new FormData();
    big.set('dataFile', file(new Uint8Array(2048).fill(65), 'big.sav'));
    await expectRefused(big, 413, 'file_too_large', 1024);

    const fake = new FormData();
    fake.set('dataFile', file('id,age\n1,2', 'renamed.sav'));
    await expectRefused(fake, 415, 'not_a_sav_file');

    await expectRefused(new FormData(), 400, 'missing_data_file');
  });

  it('stores a valid upload, creates a queued run, logs without personal data and starts it', async () => {
    const { uploadRoot, runs, start, log, deps } = await setup();
    const form = new FormData();
    form.set('dataFile', file(SAV_MAGIC, 'Wave 3.sav'));
    form.set('survey', file('Q1. Ask all', 'survey.md'));
    form.set('bannerPlan', new File([], ''));
    const res = await handleUpload(post(form), auth, deps);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ runId: 'run-1', status: 'queued', url: '/runs/run-1' });
    expect(readdirSync(uploadRoot)).toEqual(['run-1']);
    expect(readdirSync(path.join(uploadRoot, 'run-1')).sort()).toEqual(['data.sav', 'survey.md']);
    expect(await runs.get('run-1', 'acme')).toMatchObject({ status: 'queued', dataset: 'Wave-3', userId: 'u1', inputKind: 'upload' });
    const started = start.mock.calls[0]?.[0];
    expect(started).toMatchObject({ runId: 'run-1', orgId: 'acme', userId: 'u1', inputs: { datasetName: 'Wave-3' } });
    expect(started?.inputs.bannerPath).toBeUndefined();
    expect(readFileSync(started!.inputs.savPath)).toEqual(Buffer.from(SAV_MAGIC));
    // The run is told what was uploaded: its event starts with the upload's breadcrumb.
    expect(started?.upload).toEqual({ dataset: 'Wave-3', fileCount: 2, bytes: SAV_MAGIC.byteLength + 11, kind: 'upload', receivedAt: 1_700_000_000_000 });
    expect(log).toHaveBeenCalledWith({ dataset: 'Wave-3', fileCount: 2, bytes: SAV_MAGIC.byteLength + 11, kind: 'upload', receivedAt: 1_700_000_000_000 });
    expect(JSON.stringify(log.mock.calls)).not.toContain('ana@acme.test');
  });

  it('starts a bundled example by name without storing files', async () => {
    const { uploadRoot, runs, start, deps } = await setup();
    const form = new FormData();
    form.set('example', 'brand-tracker');
    const res = await handleUpload(post(form), auth, deps);
    expect(res.status).toBe(202);
    expect(readdirSync(uploadRoot)).toEqual([]);
    expect(await runs.get('run-1', 'acme')).toMatchObject({ inputKind: 'example', dataset: 'brand-tracker' });
    expect(start.mock.calls[0]?.[0].inputs).toEqual(example.inputs);
    expect(start.mock.calls[0]?.[0].upload).toEqual({ dataset: 'brand-tracker', fileCount: 2, bytes: 0, kind: 'example', receivedAt: 1_700_000_000_000 });
  });
});

describe('readTablesFile', () => {
  it('reads both a bare table array and the { meta, tables } export shape, and refuses anything else', async () => {
    const { readTablesFile } = await import('@/lib/webRuns/readTablesFile');
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const table = { tableId: 't1', title: 'Q1', rows: [] };
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify([table]));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ meta: { runId: 'r' }, tables: [table] }));
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ meta: {} }));
    expect(await readTablesFile(path.join(dir, 'a.json'))).toEqual([table]);
    expect(await readTablesFile(path.join(dir, 'b.json'))).toEqual([table]);
    await expect(readTablesFile(path.join(dir, 'c.json'))).rejects.toThrow(/unexpected shape/);
  });
});
