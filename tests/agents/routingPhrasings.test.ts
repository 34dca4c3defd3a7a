import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFilterTranslatorAgent, runSkipLogicAgent } from '@/agents';
import { routingStatements } from '@/agents/routingText';
import { compileFilter } from '@/lib/filters';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { DataMap, SavDataset } from '@/lib/core/types';
import { parkSurveyInMemory, psppToFilter } from '../support/parkSurvey';
import { renewalQuestionnaire, renewalSurveyDataset } from '../support/renewalSurvey';

const dataset: SavDataset = parkSurveyInMemory(renewalSurveyDataset());
let dataMap: DataMap;
beforeAll(() => {
  setModelProvider(new LocalModelProvider());
  dataMap = buildDataMap(dataset);
});
afterAll(() => resetModelProvider());

/** The rows a filter selects, as their indexes. */
function selected(expression: string): number[] {
  const predicate = compileFilter(expression, dataset.variables);
  return Array.from({ length: dataset.cases.count }, (_, i) => i).filter((i) => predicate(dataset.cases, i));
}

/** What became of a routing line under Q16 (or Q17): the rows its base selects, or the warning it gave; `dropped` when neither. */
async function outcome(line: string, question: 'q16' | 'q17' = 'q16'): Promise<{ rows: number[] } | { warning: string } | 'dropped'> {
  const survey = renewalQuestionnaire(question === 'q16' ? { q16: line } : { q16: '[ASK ALL]', q17: line });
  const rules = await runFilterTranslatorAgent(await runSkipLogicAgent(survey, dataMap), dataMap);
  const result = applyBaseFilters(generateTables(dataMap, dataset), rules, dataset.variables);
  const warning = result.rejected.find(
    (r) => r.reason.startsWith(`Routing of ${question} not read`) || r.reason.startsWith(`Routing of ${question} not applied`),
  );
  if (warning) return { warning: warning.reason };
  const base = result.tables.find((t) => t.questionId === question)?.baseFilter;
  return base === undefined ? 'dropped' : { rows: selected(base) };
}

const RENEW_0_6 = 'q9 >= 0 AND q9 <= 6';
/** Skipped when 7-10: everyone else who answered, "Refused" (99, not declared missing) included. */
const NOT_RENEW_7_10 = 'NOT (q9 >= 7 AND q9 <= 10)';

/** The forms the README lists, and their siblings: each must be read into the base it states. */
const READ: Array<[string, string]> = [
  ['Those who gave a score of 0–6 on the renewal question.', RENEW_0_6],
  ['Those who gave a score of 0–6 on the renew question.', RENEW_0_6],
  ['Those who gave a score of 0 to 6 on the renew question.', RENEW_0_6],
  ['Those who gave a score of 0–6 on the likelihood to renew question.', RENEW_0_6],
  ['Those who gave a score of 0–6 at Q9.', RENEW_0_6],
  ['Those who gave a score of 0–6 on the renewal question (Q9).', RENEW_0_6],
  ['those who gave a score of 0–6 on the renewal question', RENEW_0_6],
  ['Those that gave a score of 0-6 at Q9.', RENEW_0_6],
  ['People who gave a score of 0-6 at Q9.', RENEW_0_6],
  ['Respondents who scored 0-6 on Q9.', RENEW_0_6],
  ['Anyone who gave 6 or lower at Q9.', RENEW_0_6],
  ['For those who rated 0–6 at Q9.', RENEW_0_6],
  ['Shown to those who gave 0-6 at Q9.', RENEW_0_6],
  ['Asked of those who gave a score of 0–6 on the renew question.', RENEW_0_6],
  ['Do not ask if Q9 = 7-10.', NOT_RENEW_7_10],
  ["Don't ask if Q9 = 7–10", NOT_RENEW_7_10],
  ['Not asked if Q9 = 7-10.', NOT_RENEW_7_10],
  ['Skip if Q9 = 7-10.', NOT_RENEW_7_10],
  ['Skip this question if Q9 is 7-10.', NOT_RENEW_7_10],
  ['This question is not asked if Q9 = 7-10.', NOT_RENEW_7_10],
  ["This question isn't asked if Q9 = 7-10.", NOT_RENEW_7_10],
  ['Interviewer: do not ask if Q9 = 7-10.', NOT_RENEW_7_10],
];

/** Lines that look like routing; the base each states (null: it cannot be read from the data), read right or warned about. */
const READ_OR_WARNED: Array<[string, string | null]> = [
  ['Only Basic and Standard members.', 'tier = 1 OR tier = 2'],
  ['Members who might not renew.', null],
  ['Guests who gave 0-6 at Q9.', RENEW_0_6],
  ['Those who have been members for a while.', null],
  ['Premium members that gave 0-6 at Q9.', 'tier = 3 AND q9 >= 0 AND q9 <= 6'],
  ['Only those unlikely to renew.', null],
  ['If they seem unhappy.', null],
  ['Skip if unhappy.', null],
  ['Filter: lapsing members', null],
  ['Filter = lapsing members', null],
  ['Base = lapsing members', null],
  ['Base – those who gave 0-6 at Q9', RENEW_0_6],
  ['Routing: lapsing members only', null],
  ['Asked of lapsing members.', null],
  ['Everyone except those who gave 7-10 at Q9.', NOT_RENEW_7_10],
  ['All except Premium members.', 'NOT (tier = 3)'],
  ['Except Premium members (TIER = 3).', 'NOT (tier = 3)'],
  ['Premium members excluded (TIER = 3).', 'NOT (tier = 3)'],
  ['Not for Premium members (TIER = 3).', 'NOT (tier = 3)'],
  ['Unless Q9 = 7-10.', NOT_RENEW_7_10],
  ['Those who gave 0-6 at Q9, except Premium members.', 'NOT (tier = 3) AND q9 >= 0 AND q9 <= 6'],
  ['Among members thinking of leaving.', null],
  ['For Premium members only.', 'tier = 3'],
  // Asking negated, or a skip, inside the words: a skip of this question only when the statement says so.
  ['Those who have never asked for a refund (TIER = 3).', null],
  ['Please do not ask if Q9 = 7-10.', NOT_RENEW_7_10],
  ['Skip for Premium members (TIER = 3).', 'NOT (tier = 3)'],
];

/** Who-clauses built from their parts: subject × verb × answer × question, many hundreds of phrasings. */
function generatedPhrasings(): string[] {
  const subjects = [
    'Those who',
    'Those that',
    'People who',
    'Respondents who',
    'Anyone who',
    'For those who',
    'Among those who',
    'Members who',
    'Only those who',
    'Base: those who',
  ];
  const verbs = ['gave a score of', 'scored', 'rated', 'answered', 'said'];
  const answers = ['0–6', '0 to 6', '6 or lower', '6 or less'];
  const questions = ['at Q9', '(Q9)', 'on Q9', 'on the renew question', 'on the renewal question', 'on the likelihood to renew question'];
  return subjects.flatMap((s) => verbs.flatMap((v) => answers.flatMap((a) => questions.map((q) => `${s} ${v} ${a} ${q}.`))));
}

describe('routing written as whom a question is for: read into its base, or a warning; never left out in silence', () => {
  it.each(READ)('%s', async (line, pspp) => {
    expect(await outcome(line)).toEqual({ rows: selected(psppToFilter(pspp)) });
  });

  it('a question named by what it asks is never the question routed ("on the recommend question" under a question about recommending)', async () => {
    expect(await outcome('Those who gave a score of 0–6 on the recommend question.', 'q17')).toEqual({ rows: selected(psppToFilter('q3 >= 0 AND q3 <= 6')) });
    // Two questions fit "likely": which one the words mean is not known.
    expect(await outcome('Those who gave 0-6 on the likely question.')).toEqual({ warning: expect.stringMatching(/^Routing of q16 not read/) });
  });

  it.each(READ_OR_WARNED)('%s', async (line, pspp) => {
    const got = await outcome(line);
    expect(got, line).not.toBe('dropped');
    if (pspp === null || 'warning' in (got as object)) expect(got).toEqual({ warning: expect.stringContaining(line.replace(/\s+$/, '')) });
    else expect(got).toEqual({ rows: selected(psppToFilter(pspp)) });
  });

  it('generated who-clauses: every one is read into the base it states or warned about', async () => {
    const expected = selected(psppToFilter(RENEW_0_6));
    const tally = { read: 0, warned: 0 };
    for (const line of generatedPhrasings()) {
      const got = await outcome(line);
      if (got === 'dropped') expect.fail(`dropped in silence: ${line}`);
      if ('warning' in got) tally.warned++;
      else {
        expect(got.rows, line).toEqual(expected);
        tally.read++;
      }
    }
    expect(tally.read + tally.warned).toBe(generatedPhrasings().length);
    // Plain subjects with the question named by its id are always read.
    for (const line of generatedPhrasings().filter((l) => /^(?:Those who|People who|Anyone who) (?:gave a score of|scored|rated) .* at Q9\.$/.test(l))) {
      expect(await outcome(line), line).toEqual({ rows: expected });
    }
  }, 60_000);
});

describe('lines that only look like routing are not read as it', () => {
  it.each([
    ['an answer', '### Q5. Where do you live?\n1. Those who live nearby\n2. Elsewhere'],
    ['a grid statement', '### Q5. How much do you agree?\n- People like me can make a difference'],
    ['a question heading', '### Q5. Those who visit often: why?\n1. Habit'],
    ['an answer count', '### Q5. Which?\nOnly one answer.\n1. A'],
    ['ask all', '### Q5. Which?\n[ASK ALL]\n1. A'],
  ])('%s', (_name, text) => {
    expect(routingStatements(text)).toEqual([]);
  });
});

/** A model that finds no routing in any section; the other agents are the local model. */
class BlindSkipLogicModel implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';
  private readonly local = new LocalModelProvider();

  generate<T>(req: ModelCallRequest<T>) {
    if (req.agent !== 'SkipLogicAgent') return this.local.generate(req);
    return Promise.resolve({ object: req.schema.parse({ rules: [] }), usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 } });
  }
}

describe('a routing line the model gave no rule for', () => {
  it('gets the rule the local reading makes of it, so it is read or reported', async () => {
    setModelProvider(new BlindSkipLogicModel());
    try {
      const survey = renewalQuestionnaire({ q16: 'Those who gave a score of 0–6 on the renewal question.', q17: 'Members who would recommend us.' });
      const rules = await runFilterTranslatorAgent(await runSkipLogicAgent(survey, dataMap), dataMap);
      expect(rules.map((r) => [r.appliesTo, r.conditionText, r.expression ?? null])).toEqual([
        [['q16'], 'Those who gave a score of 0–6 on the renewal question.', 'q9 in (0, 1, 2, 3, 4, 5, 6)'],
        [['q17'], 'Members who would recommend us.', null],
      ]);
    } finally {
      setModelProvider(new LocalModelProvider());
    }
  });
});
