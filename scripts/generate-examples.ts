/**
 * Regenerates the bundled example datasets (examples/<name>/) and the .sav test fixtures
 * (tests/fixtures/sav/) through pspp. Deterministic: seeded data, same output on every run.
 * Usage: npx tsx scripts/generate-examples.ts [--fixtures-only]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brandTrackerDataset } from './examples/brandTracker';
import { BRAND_TRACKER_BANNER, BRAND_TRACKER_SURVEY } from './examples/brandTrackerDocs';
import { COMMUTER_SURVEY_BANNER, commuterSurveyDataset } from './examples/commuterSurvey';
import { employeePulseDataset } from './examples/employeePulse';
import { writeFixtures } from './examples/fixtures';
import { writeSavWithPspp } from './examples/writeSavWithPspp';

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const brandDir = path.join(examples, 'brand-tracker');
const brandSav = path.join(brandDir, 'brand-tracker.sav');

if (!process.argv.includes('--fixtures-only')) {
  mkdirSync(brandDir, { recursive: true });
  writeSavWithPspp(brandTrackerDataset(), brandSav);
  writeFileSync(path.join(brandDir, 'banner.md'), BRAND_TRACKER_BANNER, 'utf8');
  writeFileSync(path.join(brandDir, 'survey.md'), BRAND_TRACKER_SURVEY, 'utf8');

  const pulseDir = path.join(examples, 'employee-pulse');
  mkdirSync(pulseDir, { recursive: true });
  writeSavWithPspp(employeePulseDataset(), path.join(pulseDir, 'employee-pulse.sav'));

  const commuterDir = path.join(examples, 'commuter-survey');
  mkdirSync(commuterDir, { recursive: true });
  writeSavWithPspp(commuterSurveyDataset(), path.join(commuterDir, 'commuter-survey.sav'));
  writeFileSync(path.join(commuterDir, 'banner.md'), COMMUTER_SURVEY_BANNER, 'utf8');
}

const fixtures = path.join(root, 'tests', 'fixtures', 'sav');
mkdirSync(fixtures, { recursive: true });
writeFixtures(fixtures, brandSav);
process.stderr.write(`Examples written to ${examples}; fixtures to ${fixtures}\n`);
