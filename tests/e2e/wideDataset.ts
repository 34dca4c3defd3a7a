import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PSPP = process.env.PSPP_BIN ?? '/usr/bin/pspp';

/**
 * Write a large survey file (`questions` five-point questions plus gender and region, `rows` respondents)
 * with pspp, so a test has a run that takes long enough to be cancelled while running.
 */
export function writeWideSav(dir: string, questions = 300, rows = 30_000): string {
  if (!existsSync(PSPP)) throw new Error(`pspp is required for the end-to-end tests (set PSPP_BIN, or apt-get install pspp)`);
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'wide-survey.sav');
  const labels = Array.from({ length: questions }, (_, i) => `/q${i + 1} 'Statement ${i + 1}: how much do you agree'`).join(' ');
  const syntax = [
    'SET SEED=42.',
    'INPUT PROGRAM.',
    `LOOP #i = 1 TO ${rows}.`,
    'COMPUTE id = #i.',
    'END CASE.',
    'END LOOP.',
    'END FILE.',
    'END INPUT PROGRAM.',
    'COMPUTE gender = TRUNC(RV.UNIFORM(1, 3)).',
    'COMPUTE region = TRUNC(RV.UNIFORM(1, 5)).',
    `VECTOR q(${questions}, F1.0).`,
    `LOOP #j = 1 TO ${questions}.`,
    'COMPUTE q(#j) = TRUNC(RV.UNIFORM(1, 6)).',
    'END LOOP.',
    'FORMATS id (F8.0) gender region (F1.0).',
    `VARIABLE LABELS id 'Respondent ID' /gender 'Gender' /region 'Region' ${labels}.`,
    `VALUE LABELS gender 1 'Male' 2 'Female' /region 1 'North' 2 'South' 3 'East' 4 'West' /q1 TO q${questions} 1 'Strongly disagree' 2 'Disagree' 3 'Neutral' 4 'Agree' 5 'Strongly agree'.`,
    `SAVE OUTFILE='${out}'.`,
  ].join('\n');
  const syntaxFile = path.join(dir, 'wide-survey.sps');
  writeFileSync(syntaxFile, `${syntax}\n`);
  execFileSync(PSPP, [syntaxFile], { stdio: 'pipe' });
  if (!existsSync(out)) throw new Error('pspp did not write the wide survey file');
  return out;
}
