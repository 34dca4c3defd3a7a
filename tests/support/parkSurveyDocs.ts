/**
 * Questionnaires and banner plans for the park-visits survey (parkSurvey.ts), each written in a style people use, with
 * what a correct reading gives in PSPP syntax: the condition of every routed question's base, the condition of every
 * banner column. `null` marks what the text does not say well enough to be read: it must end as a warning.
 */

/** A questionnaire and the base (PSPP condition) each routed data question must get; questions not listed are asked of all. */
export interface QuestionnaireCase {
  name: string;
  text: string;
  bases: Record<string, string>;
  /** Questions whose routing is written but cannot be read (a warning, never a wrong base). */
  unreadable?: string[];
}

const ANSWERS = {
  q1: '1. Yes\n2. No',
  q2: '1. Too far away\n2. No time\n3. Not interested\n4. Other reason',
  q3: '1. Every day\n2. Every week\n3. Every month\n4. Less often',
  q4: '1. Very dissatisfied\n2. Dissatisfied\n3. Neither satisfied nor dissatisfied\n4. Satisfied\n5. Very satisfied',
  q5: '1. Yes\n2. No',
  q6: '1. Always\n2. Sometimes\n3. Never',
  q7: "1. Strongly disagree\n2. Disagree\n3. Neither agree nor disagree\n4. Agree\n5. Strongly agree\n9. Don't know",
};

const ALL_ROUTED = { q2: 'NOT (q1 = 1)', q3: 'q1 = 1', q4: 'q3 = 1 OR q3 = 2', q6: 'q5 = 1' };

/** The questionnaires, one per routing style. */
export const QUESTIONNAIRES: QuestionnaireCase[] = [
  {
    name: 'routing in words',
    text: `# Park visits survey

Q1. Have you visited a park in the past 12 months?
${ANSWERS.q1}
Skip to Q3 if Q1 = Yes.

Q2. What is the main reason you have not visited a park?
${ANSWERS.q2}

Q3. How often do you visit parks?
ASK IF Q1 = Yes
${ANSWERS.q3}

Q4. How satisfied are you with how clean the parks are?
Only for people who go every day or every week (Q3 = 1 or 2)
${ANSWERS.q4}

Q5. Do you own a dog?
${ANSWERS.q5}

Q6. How often do you take your dog to the park?
Base: dog owners (Q5 = 1)
${ANSWERS.q6}

Q7. I feel safe in the park after dark.
[ASK ALL]
${ANSWERS.q7}
`,
    bases: ALL_ROUTED,
  },
  {
    name: 'programmer instructions',
    text: `## Section A

**Q1** Have you visited a park in the past 12 months?
${ANSWERS.q1}

IF Q1 = No ASK Q2
**Q2** What is the main reason you have not visited a park?
${ANSWERS.q2}

**Q3** How often do you visit parks?
[Filter: Q1 = 1]
${ANSWERS.q3}

**Q4** How satisfied are you with how clean the parks are?
Asked to those who go every day or every week (Q3 = 1-2).
${ANSWERS.q4}

**Q5** Do you own a dog?
${ANSWERS.q5}

**Q6** How often do you take your dog to the park? (Q5 = Yes)
${ANSWERS.q6}

**Q7** I feel safe in the park after dark.
${ANSWERS.q7}
`,
    bases: { q2: 'q1 = 2', q3: 'q1 = 1', q4: 'q3 = 1 OR q3 = 2', q6: 'q5 = 1' },
  },
  {
    name: 'answer-level skips and "ask only if"',
    text: `Q1: Have you visited a park in the past 12 months?
1. Yes (skip to Q3)
2. No

Q2: What is the main reason you have not visited a park?
${ANSWERS.q2}

Q3: How often do you visit parks?
Ask only if Q1 = 1.
${ANSWERS.q3}

Q4: How satisfied are you with how clean the parks are?
Show if Q3 is 1-2
${ANSWERS.q4}

Q5: Do you own a dog?
${ANSWERS.q5}
If Q5 = No, skip to Q7.

Q6: How often do you take your dog to the park?
${ANSWERS.q6}

Q7: I feel safe in the park after dark.
${ANSWERS.q7}
`,
    bases: { q2: 'NOT (q1 = 1)', q3: 'q1 = 1', q4: 'q3 = 1 OR q3 = 2', q6: 'NOT (q5 = 2)' },
  },
  {
    name: 'routing the run cannot read',
    text: `Q1. Have you visited a park in the past 12 months?
${ANSWERS.q1}

Q3. How often do you visit parks?
ASK IF Q1 = Yes
${ANSWERS.q3}

Q4. How satisfied are you with how clean the parks are?
Only for regular visitors.
${ANSWERS.q4}

Q6. How often do you take your dog to the park?
Ask dog owners only (Q5 = 1)
${ANSWERS.q6}
`,
    bases: { q3: 'q1 = 1', q6: 'q5 = 1' },
    unreadable: ['q4'],
  },
];

/** A banner column and what a correct reading selects (PSPP condition); null: must be dropped with a warning. */
export interface ColumnCase {
  label: string;
  pspp: string | null;
}

/** A banner plan and every column it asks for, in order. */
export interface BannerCase {
  name: string;
  text: string;
  columns: ColumnCase[];
}

/** The banner plans, one per style. */
export const BANNER_PLANS: BannerCase[] = [
  {
    name: 'headed lists',
    text: `# Banner

## Gender
- Men
- Women

## Age
- Under 35 (respondents aged under 35)
- 35 and over (age 35+)

## Region
- North (region is north)
- South (region is south)
- Capital (region = capital city)
`,
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: 'Under 35', pspp: 'age < 35' },
      { label: '35 and over', pspp: 'age >= 35' },
      { label: 'North', pspp: 'reg = 1' },
      { label: 'South', pspp: 'reg = 2' },
      { label: 'Capital', pspp: 'reg = 3' },
    ],
  },
  {
    name: 'one line per group',
    text: `Banner plan

Gender: Men, Women
Region: North, South, Capital city
Household: Large households (household size = large), Small households (household size is small)
Park visits: Regular visitors (Q3 = 1 or 2), Occasional visitors (Q3 is 3-4)
`,
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: 'North', pspp: 'reg = 1' },
      { label: 'South', pspp: 'reg = 2' },
      { label: 'Capital city', pspp: 'reg = 3' },
      { label: 'Large households', pspp: 'hhsize = 3' },
      { label: 'Small households', pspp: 'hhsize = 1' },
      { label: 'Regular visitors', pspp: 'q3 = 1 OR q3 = 2' },
      { label: 'Occasional visitors', pspp: 'q3 = 3 OR q3 = 4' },
    ],
  },
  {
    name: 'a sentence',
    text: 'Columns: Gender (Men, Women) and Region (North, South).\n',
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: 'North', pspp: 'reg = 1' },
      { label: 'South', pspp: 'reg = 2' },
    ],
  },
  {
    name: 'a markdown table',
    text: `# Banner specification

| Group | Column | Definition |
|---|---|---|
| Gender | Men | sex = 1 |
| Gender | Women | sex = 2 |
| Age | Under 35 | respondents aged under 35 |
| Age | 35 and over | aged 35 or over |
| Dogs | Dog owners | Q5 = Yes |
| Dogs | No dog | Q5 = No |
`,
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: 'Under 35', pspp: 'age < 35' },
      { label: '35 and over', pspp: 'age >= 35' },
      { label: 'Dog owners', pspp: 'q5 = 1' },
      { label: 'No dog', pspp: 'q5 = 2' },
    ],
  },
  {
    name: 'plain words, some unreadable',
    text: `## Where they live
- People in the north region
- People in the south region

## Household
- Large households (household size = large)

## Lifestyle
- Dog lovers
- Early risers
`,
    columns: [
      { label: 'People in the north region', pspp: 'reg = 1' },
      { label: 'People in the south region', pspp: 'reg = 2' },
      { label: 'Large households', pspp: 'hhsize = 3' },
      { label: 'Dog lovers', pspp: null },
      { label: 'Early risers', pspp: null },
    ],
  },
  {
    name: 'plain headings over lists',
    text: `Gender
- Men
- Women

Age
- 18-34
- 35+

Dog owner
- Yes (Q5 = 1)
- No (Q5 = 2)
`,
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: '18-34', pspp: 'age >= 18 AND age <= 34' },
      { label: '35+', pspp: 'age >= 35' },
      { label: 'Yes', pspp: 'q5 = 1' },
      { label: 'No', pspp: 'q5 = 2' },
    ],
  },
  {
    name: 'a sentence with slashes',
    text: 'Banner: Gender (Men/Women) and Region (North/South/Capital city).\n',
    columns: [
      { label: 'Men', pspp: 'sex = 1' },
      { label: 'Women', pspp: 'sex = 2' },
      { label: 'North', pspp: 'reg = 1' },
      { label: 'South', pspp: 'reg = 2' },
      { label: 'Capital city', pspp: 'reg = 3' },
    ],
  },
];
