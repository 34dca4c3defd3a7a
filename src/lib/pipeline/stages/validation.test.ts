import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { runValidation } from './validation';

const BRAND_DIR = 'examples/brand-tracker';
const SMALL = 'tests/fixtures/sav/small.sav';

function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'validation-')), name);
  writeFileSync(file, content);
  return file;
}

async function failure(inputs: Parameters<typeof runValidation>[0]): Promise<PipelineInputError> {
  const err = await runValidation(inputs).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PipelineInputError);
  return err as PipelineInputError;
}

describe('runValidation', () => {
  it('reads the dataset, banner plan and survey document of brand-tracker', async () => {
    const result = await runValidation({
      savPath: `${BRAND_DIR}/brand-tracker.sav`,
      bannerPath: `${BRAND_DIR}/banner.md`,
      surveyPath: `${BRAND_DIR}/survey.md`,
    });
    expect(result.dataset.cases.count).toBe(800);
    expect(result.bannerText).toContain('## Gender');
    expect(result.surveyText).toContain('[ASK IF Q3 = 4 OR 5]');
    expect(result.warnings).toEqual([]);
  });

  it('warns when the banner, survey and weight are absent', async () => {
    const result = await runValidation({ savPath: 'examples/employee-pulse/employee-pulse.sav' });
    expect(result.bannerText).toBeNull();
    expect(result.surveyText).toBeNull();
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings.join(' ')).toMatch(/banner.*survey.*weight/is);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const banner = tempFile('banner.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('## Gender\n- Male\n')]));
    expect((await runValidation({ savPath: SMALL, bannerPath: banner })).bannerText).toBe('## Gender\n- Male\n');
  });

  it('rejects an empty banner plan', async () => {
    const banner = tempFile('banner.md', '');
    const err = await failure({ savPath: SMALL, bannerPath: banner });
    expect(err.message).toBe(`${banner} is empty (0 bytes); the banner plan must be a text or markdown file`);
    expect(err.file).toBe(banner);
  });

  it('rejects a document over the size limit before decoding it', async () => {
    const survey = tempFile('survey.md', Buffer.alloc(2 * 1024 * 1024 + 1, 'a'));
    expect((await failure({ savPath: SMALL, surveyPath: survey })).message).toBe(`${survey} is 2.0 MB; a survey document may be at most 2 MB`);
    const banner = tempFile('banner.md', Buffer.alloc(2 * 1024 * 1024, 'a'));
    expect((await runValidation({ savPath: SMALL, bannerPath: banner })).bannerText).toHaveLength(2 * 1024 * 1024);
  });

  it('rejects a binary survey document', async () => {
    const survey = tempFile('survey.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    expect((await failure({ savPath: SMALL, surveyPath: survey })).message).toBe(
      `${survey} is not a text file; the survey document must be plain text or markdown`,
    );
  });

  it('rejects text that is not UTF-8', async () => {
    const survey = tempFile('survey.txt', Buffer.from('Caf\xe9 question', 'latin1'));
    expect((await failure({ savPath: SMALL, surveyPath: survey })).message).toMatch(/is not valid UTF-8 text/);
  });

  it('rejects a whitespace-only document and a missing one', async () => {
    const banner = tempFile('banner.md', '  \n\n');
    expect((await failure({ savPath: SMALL, bannerPath: banner })).message).toMatch(/contains only whitespace/);
    expect((await failure({ savPath: SMALL, bannerPath: 'nope/banner.md' })).message).toBe('nope/banner.md does not exist (banner plan)');
  });

  it('passes .sav errors through unchanged', async () => {
    expect((await failure({ savPath: 'tests/fixtures/sav/empty.sav' })).message).toBe('tests/fixtures/sav/empty.sav is empty (0 bytes)');
  });
});
