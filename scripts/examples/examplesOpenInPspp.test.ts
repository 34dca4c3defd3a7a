import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PSPP = '/usr/bin/pspp';

function runPspp(syntax: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pspp-check-'));
  const file = path.join(dir, 'check.sps');
  writeFileSync(file, syntax);
  return execFileSync(PSPP, ['-O', 'format=txt', file], { encoding: 'utf8' });
}

describe.skipIf(!existsSync(PSPP))('bundled .sav files open in pspp', () => {
  it.each([
    ['examples/brand-tracker/brand-tracker.sav', 'Q10_L3', 'WEIGHT'],
    ['examples/employee-pulse/employee-pulse.sav', 'ENPS', 'OFF'],
    ['examples/commuter-survey/commuter-survey.sav', 'minutes', 'wgt'],
    ['tests/fixtures/sav/mrsets.sav', 'coffee', 'wgt'],
    ['tests/fixtures/sav/small.sav', 'COMMENT', 'WGT'],
    ['tests/fixtures/sav/small-zlib.sav', 'COMMENT', 'WGT'],
  ])('%s', (file, lastVariable, weight) => {
    const out = runPspp(`GET FILE="${path.resolve(file)}".\nDISPLAY DICTIONARY.\nSHOW WEIGHT.\n`);
    expect(out).not.toMatch(/\berror\b/i);
    expect(out).toContain(lastVariable);
    expect(out).toContain(`WEIGHT is ${weight}.`);
  });

  it('agrees with the generator on the fixture counts', () => {
    const out = runPspp(
      `GET FILE="${path.resolve('tests/fixtures/sav/small.sav')}".\nWEIGHT OFF.\nFREQUENCIES /VARIABLES=Q1.\n`,
    );
    // 12 cases: Q1 has 9 valid answers, two user-missing "Don't know" and one system-missing.
    expect(out).toMatch(/N\s+Valid\s*\|\s*9/);
    expect(out).toMatch(/Missing\s*\|\s*3/);
  });
});
