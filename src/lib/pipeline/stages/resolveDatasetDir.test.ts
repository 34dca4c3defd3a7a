import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { resolveDatasetDir } from './resolveDatasetDir';

function folder(files: string[]): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dataset-')), 'my-study');
  mkdirSync(dir);
  for (const f of files) writeFileSync(path.join(dir, f), 'x');
  return dir;
}

async function failure(dir: string): Promise<string> {
  const err = await resolveDatasetDir(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PipelineInputError);
  expect((err as PipelineInputError).file).toBe(dir);
  return (err as PipelineInputError).message;
}

describe('resolveDatasetDir', () => {
  it('finds the .sav, banner and survey of brand-tracker', async () => {
    expect(await resolveDatasetDir('examples/brand-tracker')).toEqual({
      datasetName: 'brand-tracker',
      savPath: 'examples/brand-tracker/brand-tracker.sav',
      bannerPath: 'examples/brand-tracker/banner.md',
      surveyPath: 'examples/brand-tracker/survey.md',
    });
  });

  it('leaves banner and survey out when the folder has none', async () => {
    expect(await resolveDatasetDir('examples/employee-pulse')).toEqual({
      datasetName: 'employee-pulse',
      savPath: 'examples/employee-pulse/employee-pulse.sav',
    });
  });

  it('accepts .txt documents and ignores other files', async () => {
    const dir = folder(['data.sav', 'banner.txt', 'survey.pdf', 'notes.md']);
    expect(await resolveDatasetDir(dir)).toEqual({
      datasetName: 'my-study',
      savPath: path.join(dir, 'data.sav'),
      bannerPath: path.join(dir, 'banner.txt'),
    });
  });

  it('names the path for each folder problem', async () => {
    expect(await failure('no/such/folder')).toBe('no/such/folder does not exist');
    const file = path.join(folder(['a.sav']), 'a.sav');
    expect(await failure(file)).toBe(`${file} is not a folder; pass the folder holding the .sav file`);
    const empty = folder(['banner.md']);
    expect(await failure(empty)).toBe(`${empty} contains no .sav file`);
    const two = folder(['a.sav', 'b.sav']);
    expect(await failure(two)).toBe(`${two} contains more than one .sav file (a.sav, b.sav); keep one per folder`);
    const twoBanners = folder(['a.sav', 'banner.md', 'banner.txt']);
    expect(await failure(twoBanners)).toMatch(/has more than one banner file/);
  });
});
