import { describe, expect, it } from 'vitest';
import { getLocalSolver } from '@/agents/local/localSolvers';
import { toVariableSummary, subgroupVariables } from '@/agents/dataMapExcerpt';
import { bannerAgentOutputSchema } from '@/agents/contracts/bannerAgentContract';
import { crosstabAgentOutputSchema, type CrosstabAgentOutput } from '@/agents/contracts/crosstabAgentContract';
import { bannerGenerateOutputSchema } from '@/agents/contracts/bannerGenerateAgentContract';
import { skipLogicOutputSchema } from '@/agents/contracts/skipLogicAgentContract';
import { filterTranslatorOutputSchema } from '@/agents/contracts/filterTranslatorContract';
import { verificationOutputSchema, type VerificationInput } from '@/agents/contracts/verificationAgentContract';
import { loopPolicyOutputSchema } from '@/agents/contracts/loopPolicyContract';
import { isCancellation } from '@/lib/core/PipelineErrors';
import { pulseDataMap, trackerDataMap, variable } from './fixtures';

const tracker = trackerDataMap();
const summaries = subgroupVariables(tracker);

function crosstab(groupLabel: string, descriptions: string[], variables = summaries): CrosstabAgentOutput['columns'] {
  const out = getLocalSolver('CrosstabAgent')({
    group: { id: 'g1', label: groupLabel },
    columns: descriptions.map((d, i) => ({ id: `c${i + 1}`, label: d, source: d })),
    variables,
  });
  return crosstabAgentOutputSchema.parse(out).columns;
}

describe('BannerAgent rules', () => {
  it('reads bullets, parenthesised and colon definitions', () => {
    const out = bannerAgentOutputSchema.parse(
      getLocalSolver('BannerAgent')({ heading: 'Gender', text: '- Male (S1 = 1)\n- Female: S1=2\n\nNote: small base' }),
    );
    expect(out).toEqual({
      label: 'Gender',
      columns: [
        { label: 'Male', source: 'Male (S1 = 1)' },
        { label: 'Female', source: 'Female: S1=2' },
      ],
    });
  });

  it('reads markdown table rows and strips "Group 2:" from headings', () => {
    const out = bannerAgentOutputSchema.parse(
      getLocalSolver('BannerAgent')({ heading: 'Group 2: Age', text: '| Column | Definition |\n|---|---|\n| Young | AGEGRP = 1 |\n| Old | AGEGRP = 3 |' }),
    );
    expect(out.label).toBe('Age');
    expect(out.columns).toEqual([
      { label: 'Young', source: 'Young: AGEGRP = 1' },
      { label: 'Old', source: 'Old: AGEGRP = 3' },
    ]);
  });
});

describe('CrosstabAgent rules', () => {
  it('parses explicit references with high confidence', () => {
    const cols = crosstab('Gender', ['Male (S1 = 1)', 'Female: S1=2', 'AGEGRP 1-2', 'Q1 in 1,2']);
    expect(cols.map((c) => c.expression)).toEqual(['S1 == 1', 'S1 == 2', 'AGEGRP in (1, 2)', 'Q1 in (1, 2)']);
    expect(cols.every((c) => c.confidence >= 0.9)).toBe(true);
  });

  it('matches age descriptions to range labels', () => {
    const cols = crosstab('Age', ['Aged 18 to 34', 'Aged 35 to 54', '55 and over', '18 to 54']);
    expect(cols.map((c) => c.expression)).toEqual(['AGEGRP == 1', 'AGEGRP == 2', 'AGEGRP == 3', 'AGEGRP in (1, 2)']);
    expect(cols[0]!.confidence).toBeGreaterThan(cols[3]!.confidence);
  });

  it('falls back to a range on a numeric age variable when no band fits', () => {
    const cols = crosstab('Age', ['Aged 25 to 44', 'Under 25']);
    expect(cols.map((c) => c.expression)).toEqual(['S2 >= 25 & S2 <= 44', 'S2 < 25']);
    expect(cols[0]!.confidence).toBeGreaterThan(0.5);
  });

  it('matches words to value labels, region and brand names', () => {
    const cols = crosstab('Region', ['North region', 'West region']);
    expect(cols.map((c) => c.expression)).toEqual(['REGION == 1', 'REGION == 4']);
    const brands = crosstab('First-mentioned brand', ['Alpha', 'Cobalt', 'Echo']);
    expect(brands.map((c) => c.expression)).toEqual(['Q1 == 1', 'Q1 == 3', 'Q1 == 5']);
  });

  it('knows everyday words for value labels', () => {
    expect(crosstab('Sex', ['Men', 'Women']).map((c) => c.expression)).toEqual(['S1 == 1', 'S1 == 2']);
  });

  it('maps a negated column to the other answer of its sibling', () => {
    const cols = crosstab('Service', ['Contacted customer service (Q6 = 1)', 'Did not contact customer service']);
    expect(cols[1]).toMatchObject({ expression: 'Q6 == 2' });
    expect(cols[1]!.confidence).toBeLessThan(cols[0]!.confidence);
  });

  it('reads a variable named by its label and a word of one of its value labels; a word fitting several labels is partial', () => {
    const variables = [
      toVariableSummary(
        variable({
          name: 'REG',
          label: 'Region of residence',
          kind: 'single',
          valueLabels: [
            { value: 1, label: 'North of England' },
            { value: 2, label: 'South of England' },
            { value: 3, label: 'North Wales' },
            { value: 4, label: 'Scotland' },
          ],
        }),
      ),
      toVariableSummary(
        variable({
          name: 'BODY',
          label: 'Body size',
          kind: 'single',
          valueLabels: [
            { value: 1, label: 'Small' },
            { value: 2, label: 'Medium' },
            { value: 3, label: 'Large (over 2 m)' },
          ],
        }),
      ),
    ];
    const cols = crosstab(
      'Lifestyle',
      ['Southerners (region is south)', 'Big (body size = large)', 'People in the Scotland region', 'North (region is north)'],
      variables,
    );
    expect(cols.map((c) => [c.expression, c.match])).toEqual([
      ['REG == 2', 'label'],
      ['BODY == 3', 'label'],
      ['REG == 4', 'label'],
      [expect.anything(), expect.stringMatching(/^(partial|none|guess)$/)],
    ]);
  });

  it('gives confidence 0 when nothing matches and names unknown variables', () => {
    const [none, unknown] = crosstab('Misc', ['Left-handed people', 'Heavy users (ZZ9 = 1)']);
    expect(none).toMatchObject({ expression: '', confidence: 0 });
    expect(unknown).toMatchObject({ expression: '', confidence: 0, referencedVariables: ['ZZ9'] });
  });
});

describe('BannerGenerateAgent rules', () => {
  const pulse = pulseDataMap();
  const solve = (name: string) => {
    const v = pulse.variables.find((x) => x.name === name)!;
    return bannerGenerateOutputSchema.parse(
      getLocalSolver('BannerGenerateAgent')({ questionId: name, questionLabel: v.label, variable: toVariableSummary(v), rowCount: pulse.rowCount }),
    );
  };

  it('includes a well-answered segment question with one column per category', () => {
    const out = solve('DEPT');
    expect(out.include).toBe(true);
    expect(out.groupLabel).toBe('Department');
    expect(out.columns).toEqual([
      { label: 'Sales', expression: 'DEPT == 1' },
      { label: 'Engineering', expression: 'DEPT == 2' },
      { label: 'Operations', expression: 'DEPT == 3' },
    ]);
  });

  it('skips a question answered by too few respondents', () => {
    expect(solve('SITE')).toMatchObject({ include: false, columns: [] });
  });
});

describe('SkipLogicAgent rules', () => {
  const dataQuestions = tracker.questions.map((q) => ({ id: q.id, label: q.label, variables: q.variables }));
  const solve = (questionIds: string[], text: string) =>
    skipLogicOutputSchema.parse(getLocalSolver('SkipLogicAgent')({ questionIds, text, dataQuestions })).rules;

  it('extracts bracketed and sentence routing verbatim and maps ids', () => {
    expect(solve(['Q4'], '### Q4. Why?\n[ASK IF Q3 = 4 OR 5]\n1. Quality')).toEqual([{ appliesTo: ['Q4'], conditionText: 'ASK IF Q3 = 4 OR 5' }]);
    expect(solve(['Q8'], '### Q8. Channels?\nAsk only those who contacted customer service (Q6 = 1). Multiple answers allowed.')).toEqual([
      { appliesTo: ['Q8'], conditionText: 'Ask only those who contacted customer service (Q6 = 1).' },
    ]);
  });

  it('maps a looped survey question to its iterations and ignores ASK ALL and loop markers', () => {
    expect(solve(['Q10'], '### Q10. Rate\n[ASK IF Q6 = 1]')[0]!.appliesTo).toEqual(['Q10_L1', 'Q10_L2', 'Q10_L3']);
    expect(solve(['Q3'], '### Q3. Satisfied?\n[ASK ALL]\n[LOOP FOR EACH STORE VISITED, UP TO 3]')).toEqual([]);
  });
});

describe('FilterTranslatorAgent rules', () => {
  const solve = (conditionText: string) =>
    filterTranslatorOutputSchema.parse(getLocalSolver('FilterTranslatorAgent')({ conditionText, appliesTo: ['Q4'], variables: summaries }));

  it('translates explicit conditions', () => {
    expect(solve('ASK IF Q3 = 4 OR 5')).toMatchObject({ expression: 'Q3 in (4, 5)', confidence: 0.95 });
    expect(solve('Ask only those who contacted customer service (Q6 = 1).')).toMatchObject({ expression: 'Q6 == 1' });
    expect(solve('not Q1 = 6').expression).toBe('Q1 != 6');
  });

  it('returns confidence 0 for unparseable or unknown conditions', () => {
    expect(solve('Ask those who are aware of the brand')).toMatchObject({ expression: '', confidence: 0 });
    expect(solve('ASK IF QX9 = 1')).toMatchObject({ expression: '', confidence: 0 });
  });
});

describe('VerificationAgent rules', () => {
  const rows = (codes: number[], labelOf: (c: number) => string = String) => codes.map((c) => ({ id: `r${c}`, label: labelOf(c), codes: [c] }));
  const base = (over: Partial<VerificationInput['table']>, v = toVariableSummary(tracker.variables.find((x) => x.name === 'Q3')!), questionLabel = v.label) =>
    verificationOutputSchema.parse(
      getLocalSolver('VerificationAgent')({
        table: { id: 't1', questionId: v.name, title: `${v.name}: ${v.label}`, kind: 'single', rows: rows([1, 2, 3, 4, 5]), baseLabel: 'All', ...over },
        questionLabel,
        variables: [v],
        rowCount: 800,
      }),
    );

  it('adds top/bottom 2 box NETs on a satisfaction scale', () => {
    const out = base({});
    expect(out.nets).toEqual([
      { label: 'Top 2 box (NET)', codes: [4, 5], match: 'label' },
      { label: 'Bottom 2 box (NET)', codes: [1, 2], match: 'label' },
    ]);
    expect(out.lowValue).toBe(false);
  });

  it('puts the positive end on top when the scale runs from agree to disagree', () => {
    const v = toVariableSummary(
      variable({
        name: 'E9',
        label: 'Statement',
        kind: 'single',
        valueLabels: ['Strongly agree', 'Agree', 'Neutral', 'Disagree', 'Strongly disagree'].map((label, i) => ({ value: i + 1, label })),
      }),
    );
    expect(base({}, v).nets[0]).toEqual({ label: 'Top 2 box (NET)', codes: [1, 2], match: 'label' });
  });

  it('adds promoter NETs on a 0-10 recommend scale and none on a plain question', () => {
    const v = toVariableSummary(tracker.variables.find((x) => x.name === 'Q5')!);
    const out = base({ kind: 'numeric', rows: rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }, v);
    expect(out.nets.map((n) => n.label)).toEqual(['Promoters (9-10) (NET)', 'Passives (7-8) (NET)', 'Detractors (0-6) (NET)']);
    const region = toVariableSummary(tracker.variables.find((x) => x.name === 'REGION')!);
    expect(base({ rows: rows([1, 2, 3, 4]) }, region).nets).toEqual([]);
  });

  it('tidies titles: routing removed, sentence case, question id kept', () => {
    expect(base({ title: 'Q3. OVERALL SATISFACTION WITH YOUR MAIN BRAND [ASK IF Q2 = 1]' }).title).toBe('Q3. Overall satisfaction with your main brand');
    expect(base({ title: 'overall satisfaction ASK IF Q6 = 1' }).title).toBe('Q3: Overall satisfaction');
  });

  it('flags low bases and admin fields', () => {
    const small = toVariableSummary(variable({ name: 'Q99', label: 'Rare question', kind: 'single', valueLabels: [], answered: 12 }));
    const out = base({ rows: rows([1, 2]) }, small);
    expect(out.lowValue).toBe(true);
    expect(out.notes.join(' ')).toMatch(/12 respondents/);
    const admin = toVariableSummary(variable({ name: 'STATUS', label: 'Interview status', kind: 'single', answered: 800 }));
    expect(base({ rows: rows([1, 2]) }, admin).lowValue).toBe(true);
  });
});

describe('LoopSemanticsPolicyAgent rules', () => {
  const loopVars = tracker.variables.filter((v) => v.loop).map((v) => ({ ...toVariableSummary(v), iteration: v.loop!.iteration }));
  const solve = (variables: typeof loopVars) =>
    loopPolicyOutputSchema.parse(getLocalSolver('LoopSemanticsPolicyAgent')({ loopId: 'L', questions: [{ stem: 'Q10', variables }], rowCount: 800 }))
      .decisions[0]!;

  it('stacks iterations that ask the same question', () => {
    expect(solve(loopVars)).toMatchObject({ stem: 'Q10', policy: 'stacked' });
  });

  it('keeps iterations apart when their wording differs', () => {
    const changed = loopVars.map((v, i) => (i === 2 ? { ...v, label: 'Rating of the checkout experience' } : v));
    expect(solve(changed).policy).toBe('per-iteration');
  });
});

describe('getLocalSolver', () => {
  it('rejects malformed input and honours an aborted signal', () => {
    expect(() => getLocalSolver('CrosstabAgent')({ nope: true })).toThrow();
    const ac = new AbortController();
    ac.abort();
    try {
      getLocalSolver('BannerAgent')({ heading: null, text: '- A' }, ac.signal);
      expect.unreachable();
    } catch (err) {
      expect(isCancellation(err)).toBe(true);
    }
  });
});
