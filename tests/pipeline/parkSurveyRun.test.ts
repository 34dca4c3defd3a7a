import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setModelProvider } from '@/lib/llm';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { CrosstabTable } from '@/lib/core/types';
import { writeSavWithPspp } from '../../scripts/examples/writeSavWithPspp';
import { PSPP, parsePsppCrosstabs, psppCount, runPsppCsv, type PsppTable } from '../crosstab/psppCrosstabs';
import { PARK_ROUTING, parkSurveyDataset } from '../support/parkSurvey';
import { BANNER_PLANS, QUESTIONNAIRES } from '../support/parkSurveyDocs';
import { readJson, run, setupPipelineRuns, type Run } from './pipelineRuns';

/**
 * The park-visits survey (never bundled; routing written in words; "Not asked" coded 0 with a label, not declared missing)
 * run end to end with banner plans and questionnaires in several styles, every count, base and NET checked against PSPP's
 * CROSSTABS on the routed subsets (SELECT IF on the questions' real routing).
 */
setupPipelineRuns();

const TABLE_VARIABLES = ['sex', 'reg', 'hhsize', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'];
const COLUMN_CONDITIONS = [...new Set(BANNER_PLANS.flatMap((p) => p.columns.flatMap((c) => (c.pspp === null ? [] : [c.pspp]))))];
const flagOf = (condition: string) => `c${COLUMN_CONDITIONS.indexOf(condition) + 1}`;

function psppSyntax(sav: string): string {
  const lines = ['SET TNUMBERS=VALUES TVARS=NAMES.', `GET FILE='${sav}'.`, 'COMPUTE ONE = 1.'];
  for (const condition of COLUMN_CONDITIONS) lines.push(`COMPUTE ${flagOf(condition)} = 0.`, `IF (${condition}) ${flagOf(condition)} = 1.`);
  const flags = ['ONE', ...COLUMN_CONDITIONS.map(flagOf)].join(' ');
  for (const v of TABLE_VARIABLES) {
    const base = PARK_ROUTING[v];
    if (base) lines.push('TEMPORARY.', `SELECT IF (${base}).`);
    lines.push(`CROSSTABS /TABLES=${v} BY ${flags} /CELLS=COUNT.`);
  }
  return [...lines, ''].join('\n');
}

interface Case {
  questionnaire: string | null;
  plan: string;
  outcome: 'success' | 'partial';
}
const CASES: Case[] = [
  { questionnaire: 'routing in words', plan: 'a sentence', outcome: 'success' },
  { questionnaire: 'programmer instructions', plan: 'one line per group', outcome: 'success' },
  { questionnaire: 'answer-level skips and "ask only if"', plan: 'a markdown table', outcome: 'success' },
  { questionnaire: 'routing the run cannot read', plan: 'plain words, some unreadable', outcome: 'partial' },
  { questionnaire: null, plan: 'headed lists', outcome: 'success' },
  { questionnaire: 'programmer instructions', plan: 'plain headings over lists', outcome: 'success' },
];

describe.skipIf(!existsSync(PSPP))('runPipeline on a survey it has never seen, against PSPP (park-visits)', () => {
  let dir = '';
  let sav = '';
  const pspp = new Map<string, PsppTable>();
  const runs = new Map<Case, Run>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'park-pspp-'));
    sav = path.join(dir, 'park-visits.sav');
    writeSavWithPspp(parkSurveyDataset(), sav);
    for (const { title, table } of parsePsppCrosstabs(runPsppCsv(psppSyntax(sav), dir))) pspp.set(title, table);
    setModelProvider(new LocalModelProvider());
    for (const [i, c] of CASES.entries()) {
      const dataset = path.join(dir, `park-visits-${i + 1}`);
      mkdirSync(dataset);
      writeSavWithPspp(parkSurveyDataset(), path.join(dataset, 'park-visits.sav'));
      writeFileSync(path.join(dataset, 'banner.md'), BANNER_PLANS.find((p) => p.name === c.plan)!.text);
      if (c.questionnaire) writeFileSync(path.join(dataset, 'survey.md'), QUESTIONNAIRES.find((q) => q.name === c.questionnaire)!.text);
      runs.set(c, await run(dataset));
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [`${c.plan} + ${c.questionnaire ?? 'no questionnaire'}`, c] as const))('%s: every count, base and NET equals PSPP', (_name, c) => {
    const { result, dir: out } = runs.get(c)!;
    expect(result.outcome).toBe(c.outcome);
    const plan = BANNER_PLANS.find((p) => p.name === c.plan)!;
    const { tables } = readJson<{ tables: CrosstabTable[] }>(path.join(out, 'tables.json'));
    const wanted = plan.columns.filter((col) => col.pspp !== null);
    for (const v of TABLE_VARIABLES) {
      const table = tables.find((t) => t.tableId === `t_${v}`)!;
      expect(table.columns.map((col) => col.label)).toEqual(['Total', ...wanted.map((col) => col.label)]);
      const flags = ['ONE', ...wanted.map((col) => flagOf(col.pspp!))];
      flags.forEach((flag, j) => {
        const ref = pspp.get(`${v} × ${flag}`)!;
        expect(ref, `${v} × ${flag}`).toBeDefined();
        expect(table.bases[j], `${v} base, column ${table.columns[j]!.label}`).toBe(psppCount(ref, 'Total', '1'));
        for (const row of table.rows) {
          const count = row.cells[j]!.count;
          if (row.isNet) continue;
          expect(count, `${v} ${row.label}, column ${table.columns[j]!.label}`).toBe(psppCount(ref, row.id.slice(2), '1'));
        }
      });
    }
    // NETs: the scale's labelled points only ("Not asked" 0 and "Don't know" 9 never inside), each the sum of its rows;
    // only the two 5-point scales have them.
    const nets = tables.filter((t) => t.rows.some((r) => r.isNet)).map((t) => [t.tableId, t.rows.filter((r) => r.isNet).map((r) => r.label)]);
    expect(nets).toEqual([
      ['t_q4', ['Top 2 box (NET)', 'Bottom 2 box (NET)']],
      ['t_q7', ['Top 2 box (NET)', 'Bottom 2 box (NET)']],
    ]);
    for (const v of ['q4', 'q7']) {
      const table = tables.find((t) => t.tableId === `t_${v}`)!;
      const rowCount = (id: string, j: number) => table.rows.find((r) => r.id === id)!.cells[j]!.count;
      const net = (label: string) => table.rows.find((r) => r.isNet && r.label === label)!;
      table.columns.forEach((_, j) => {
        expect(net('Top 2 box (NET)').cells[j]!.count).toBe(rowCount('r_4', j) + rowCount('r_5', j));
        expect(net('Bottom 2 box (NET)').cells[j]!.count).toBe(rowCount('r_1', j) + rowCount('r_2', j));
      });
    }
  });

  it('the issue of a plan in one sentence and routing in words: right columns, routed bases, Bottom 2 box over the scale', () => {
    const { result, dir: out } = runs.get(CASES[0]!)!;
    const { tables } = readJson<{ tables: CrosstabTable[] }>(path.join(out, 'tables.json'));
    const q4 = tables.find((t) => t.tableId === 't_q4')!;
    expect(q4.baseLabel).toBe('Asked if q3 in (1, 2)');
    expect(q4.bases[0]).toBe(psppCount(pspp.get('q4 × ONE')!, 'Total', '1'));
    const bottom = q4.rows.find((r) => r.label === 'Bottom 2 box (NET)')!.cells[0]!.count;
    expect(bottom).toBe(psppCount(pspp.get('q4 × ONE')!, '1', '1') + psppCount(pspp.get('q4 × ONE')!, '2', '1'));
    expect(result.warnings?.map((w) => w.message)).toEqual(['No weight variable declared in the .sav: results are unweighted.']);
  });

  it('what the run could not read is a warning on the line and the run is partial, never a wrong number', () => {
    const { result, line } = runs.get(CASES[3]!)!;
    const messages = result.warnings?.map((w) => `${w.action}: ${w.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dropped-item: Banner column "Dog lovers" \(group "Lifestyle"\) dropped/),
        expect.stringMatching(/^dropped-item: Banner column "Early risers" \(group "Lifestyle"\) dropped/),
        expect.stringMatching(/^dropped-item: Banner group "Lifestyle" dropped/),
        expect.stringMatching(/^dropped-item: Routing of q4 not read: "Only for regular visitors\." \(the text states no condition on the data\)/),
        expect.stringMatching(/^continued: No routing was applied to q4: its base leaves out the respondents coded 0 "Not asked" \(q4 != 0\)/),
        expect.stringMatching(/^continued: No routing was applied to q2: /),
      ]),
    );
    expect(line.outcome).toBe('partial');
    expect(line.warnings?.dropped).toBe(4);
    // The line itself says what was dropped and why.
    expect(line.warnings?.first.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Routing of q4 not read: "Only for regular visitors\." \(the text states no condition on the data\)/)]),
    );
  });

  it('routing read but wider than the data says: the "Not asked" respondents left in the base are a warning, with their count', async () => {
    const dataset = path.join(dir, 'park-visits-wide');
    mkdirSync(dataset);
    writeSavWithPspp(parkSurveyDataset(), path.join(dataset, 'park-visits.sav'));
    writeFileSync(path.join(dataset, 'banner.md'), BANNER_PLANS.find((p) => p.name === 'a sentence')!.text);
    writeFileSync(
      path.join(dataset, 'survey.md'),
      'Q3. How often do you visit parks?\nASK IF Q1 = 1\n\nQ4. How satisfied are you with how clean the parks are?\nASK IF Q1 = 1\n',
    );
    const { result, dir: out } = await run(dataset);
    const { tables } = readJson<{ tables: CrosstabTable[] }>(path.join(out, 'tables.json'));
    const q4 = tables.find((t) => t.tableId === 't_q4')!;
    const notAsked = q4.rows.find((r) => r.label === 'Not asked')!.cells[0]!.count;
    const q3 = pspp.get('q3 × ONE')!;
    // Asked Q1 = 1 but not Q3 = 1 or 2: coded 0 in q4.
    expect(notAsked).toBe(psppCount(q3, '3', '1') + psppCount(q3, '4', '1'));
    const warnings = result.warnings?.filter((w) => w.stage === 'CrosstabComputation').map((w) => `${w.action}: ${w.message}`);
    expect(warnings).toEqual([
      `continued: "${q4.title}": ${notAsked} of the base of ${q4.bases[0]} are coded "Not asked": the question's routing was missed or read too wide (base: Asked if q1 == 1), so its base includes people who were not asked it.`,
    ]);
  });

  it('without a questionnaire, bases come from the "Not asked" codes, each with a warning', () => {
    const { result } = runs.get(CASES[4]!)!;
    const inferred = result.warnings?.filter((w) => w.message.startsWith('No routing was applied to')).map((w) => w.message.split(':')[0]);
    expect(inferred).toEqual(['No routing was applied to q2', 'No routing was applied to q3', 'No routing was applied to q4', 'No routing was applied to q6']);
  });
});
