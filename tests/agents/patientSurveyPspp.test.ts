import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setModelProvider } from '@/lib/llm';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { CrosstabTable } from '@/lib/core/types';
import { writeSavWithPspp } from '../../scripts/examples/writeSavWithPspp';
import { PSPP, parsePsppCrosstabs, psppCount, runPsppCsv, type PsppTable } from '../crosstab/psppCrosstabs';
import { readJson, run, setupPipelineRuns, type Run } from '../pipeline/pipelineRuns';
import { PATIENT_BANNER, PATIENT_ROUTING, PATIENT_SURVEY, patientSurveyDataset } from './patientSurvey';

/**
 * A survey in a domain no other test has (hospital patients), weighted, with a 0-10 scale labelled at its ends only, a
 * banner plan in an analyst's words with bracketed ranges and the questionnaire's own answer wording, and routing
 * stated as an answer at a named question: run end to end with the local model, every column's counts compared with
 * PSPP's CROSSTABS on the selected respondents.
 */
setupPipelineRuns();

const TABLES = ['q1', 'q2', 'q3', 'q4', 'q5'];
const flagOf = (i: number) => `c${i + 1}`;

function psppSyntax(sav: string): string {
  const lines = ['SET TNUMBERS=VALUES TVARS=NAMES.', `GET FILE='${sav}'.`, 'WEIGHT BY wt.', 'COMPUTE ONE = 1.'];
  PATIENT_BANNER.columns.forEach((c, i) => lines.push(`COMPUTE ${flagOf(i)} = 0.`, `IF (${c.pspp}) ${flagOf(i)} = 1.`));
  const flags = ['ONE', ...PATIENT_BANNER.columns.map((_, i) => flagOf(i))].join(' ');
  for (const v of TABLES) {
    const base = PATIENT_ROUTING[v];
    if (base) lines.push('TEMPORARY.', `SELECT IF (${base}).`);
    lines.push(`CROSSTABS /TABLES=${v} BY ${flags} /CELLS=COUNT /COUNT=ASIS.`);
  }
  return [...lines, ''].join('\n');
}

describe.skipIf(!existsSync(PSPP))('a patient survey it has never seen, with plan and questionnaire in the analyst\u2019s words, against PSPP', () => {
  let dir = '';
  const pspp = new Map<string, PsppTable>();
  let result: Run;
  let tables: CrosstabTable[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patient-pspp-'));
    const dataset = path.join(dir, 'patient-experience');
    mkdirSync(dataset);
    const sav = path.join(dataset, 'patient-experience.sav');
    writeSavWithPspp(patientSurveyDataset(), sav);
    writeFileSync(path.join(dataset, 'banner.md'), PATIENT_BANNER.text);
    writeFileSync(path.join(dataset, 'survey.md'), PATIENT_SURVEY);
    for (const { title, table } of parsePsppCrosstabs(runPsppCsv(psppSyntax(sav), dir))) pspp.set(title, table);
    setModelProvider(new LocalModelProvider());
    result = await run(dataset);
    tables = readJson<{ tables: CrosstabTable[] }>(path.join(result.dir, 'tables.json')).tables;
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('maps every column and reads both routing rules: nothing dropped, nothing to warn about but the refused ages', () => {
    expect(result.result.outcome).toBe('success');
    // The age's 999 "Refused" is not declared missing: its table leaves it out, and says so.
    expect(result.result.warnings?.map((w) => w.message) ?? []).toEqual([
      expect.stringMatching(/^age \("Age in years"\): \d+ coded 999 "Refused" left out of its base and statistics, as missing/),
    ]);
    const table = tables.find((t) => t.tableId === 't_q3')!;
    // A column is labelled by its words without the definition in brackets ("Promoters" for "Promoters (9-10)").
    const labels = PATIENT_BANNER.columns.map((c) => c.label.replace(/\s*\([^)]*\)$/, ''));
    expect(table.columns.map((c) => c.label)).toEqual(['Total', ...labels]);
  });

  it('every count and base of every column equals PSPP CROSSTABS on the selected respondents', () => {
    for (const v of TABLES) {
      const table = tables.find((t) => t.tableId === `t_${v}`)!;
      const flags = ['ONE', ...PATIENT_BANNER.columns.map((_, i) => flagOf(i))];
      flags.forEach((flag, j) => {
        const ref = pspp.get(`${v} × ${flag}`)!;
        expect(ref, `${v} × ${flag}`).toBeDefined();
        const column = table.columns[j]!.label;
        expect(table.bases[j], `${v} base, column ${column}`).toBeCloseTo(psppCount(ref, 'Total', '1'), 9);
        for (const row of table.rows.filter((r) => !r.isNet)) {
          expect(row.cells[j]!.count, `${v} ${row.label}, column ${column}`).toBeCloseTo(psppCount(ref, row.id.slice(2), '1'), 9);
        }
      });
    }
  });

  it('NETs sum the scale points they name, never "Don\u2019t know"; bases say what they are', () => {
    const sum = (table: CrosstabTable, codes: number[], j: number) =>
      codes.reduce((n, c) => n + (table.rows.find((r) => r.id === `r_${c}`)?.cells[j]!.count ?? 0), 0);
    const nets = (id: string) => tables.find((t) => t.tableId === id)!;
    const expected: Record<string, Record<string, number[]>> = {
      t_q2: { 'Promoters (9-10) (NET)': [9, 10], 'Passives (7-8) (NET)': [7, 8], 'Detractors (0-6) (NET)': [0, 1, 2, 3, 4, 5, 6] },
      t_q3: { 'Top 2 box (NET)': [4, 5], 'Bottom 2 box (NET)': [1, 2] },
    };
    for (const [id, byLabel] of Object.entries(expected)) {
      const table = nets(id);
      expect(table.rows.filter((r) => r.isNet).map((r) => r.label)).toEqual(Object.keys(byLabel));
      for (const [label, codes] of Object.entries(byLabel)) {
        const row = table.rows.find((r) => r.label === label)!;
        table.columns.forEach((_, j) => expect(row.cells[j]!.count, `${id} ${label}`).toBeCloseTo(sum(table, codes, j), 9));
      }
    }
    expect(Object.fromEntries(tables.map((t) => [t.tableId, t.baseLabel]))).toMatchObject({
      t_q1: 'All respondents',
      t_q2: 'All respondents',
      t_q4: 'Asked if q2 in (0, 1, 2, 3, 4, 5, 6)',
      t_q5: 'Asked if q1 == 1; respondents who answered',
    });
  });
});
