import { Prng } from '../../scripts/examples/prng';
import type { DatasetSpec, VariableSpec } from '../../scripts/examples/savSpec';

/**
 * A small gym-membership survey whose routed questions were answered by some respondents who were never asked (a
 * fieldwork script that did not route): a base read wrong, or not read, shows in every number.
 *
 *   tier  membership tier (1 Basic, 2 Standard, 3 Premium)          asked of all
 *   q3    likelihood to recommend the club, 0-10                     asked of all
 *   q9    likelihood to renew, 0-10, 99 "Refused" (not missing)      asked of all
 *   q16   main reason you might not renew (1-4)                      asked if q9 <= 6; 15% of the others answered too
 *   q17   what would make you more likely to recommend us (1-4)     asked if q3 <= 6; 15% of the others answered too
 */
export const RENEWAL_ROUTING: Record<string, string> = {
  q16: 'q9 >= 0 AND q9 <= 6',
  q17: 'q3 >= 0 AND q3 <= 6',
};

function variables(): VariableSpec[] {
  const ends = (low: string, high: string): Array<[number, string]> => [
    [0, low],
    [10, high],
  ];
  const reasons: Array<[number, string]> = [
    [1, 'Cost'],
    [2, 'Moving away'],
    [3, 'Not using it enough'],
    [4, 'Something else'],
  ];
  return [
    { name: 'resp', label: 'Respondent number', type: 'numeric', width: 6, level: 'scale' },
    {
      name: 'tier',
      label: 'Membership tier',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Basic'],
        [2, 'Standard'],
        [3, 'Premium'],
      ],
      level: 'nominal',
    },
    {
      name: 'q3',
      label: 'How likely are you to recommend the club to a friend?',
      type: 'numeric',
      width: 2,
      valueLabels: ends('Not at all likely', 'Extremely likely'),
      level: 'ordinal',
    },
    {
      name: 'q9',
      label: 'Likelihood to renew membership',
      type: 'numeric',
      width: 2,
      valueLabels: [...ends('Not at all likely', 'Extremely likely'), [99, 'Refused']],
      level: 'ordinal',
    },
    { name: 'q16', label: 'Main reason you might not renew', type: 'numeric', width: 1, valueLabels: reasons, level: 'nominal' },
    {
      name: 'q17',
      label: 'What would make you more likely to recommend us?',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Better equipment'],
        [2, 'Friendlier staff'],
        [3, 'Lower prices'],
        [4, 'Something else'],
      ],
      level: 'nominal',
    },
  ];
}

function respondent(rng: Prng, index: number): Array<number | null> {
  const tier = rng.weighted([1, 2, 3], [40, 40, 20]);
  const q3 = rng.int(0, 10);
  const q9 = rng.chance(0.04) ? 99 : rng.int(0, 10);
  // Asked, or not asked but answered anyway (the leak a base must leave out).
  const answers = (asked: boolean) => (asked || rng.chance(0.15) ? rng.int(1, 4) : null);
  return [1 + index, tier, q3, q9, answers(q9 <= 6), answers(q3 <= 6)];
}

/** The renewal survey: 400 unweighted respondents. */
export function renewalSurveyDataset(seed = 1609, count = 400): DatasetSpec {
  const rng = new Prng(seed);
  return { variables: variables(), rows: Array.from({ length: count }, (_, i) => respondent(rng, i)) };
}

/** The survey document: its routed questions' instruction lines are `routing` (q16's, q17's), the rest asked of all. */
export function renewalQuestionnaire(routing: { q16: string; q17?: string }): string {
  return [
    '# Member survey',
    '### TIER. Which membership do you hold?\n[ASK ALL]\n1. Basic\n2. Standard\n3. Premium',
    '### Q3. How likely are you to recommend the club to a friend?\n[ASK ALL] Scale from 0 (not at all likely) to 10 (extremely likely).',
    '### Q9. How likely are you to renew your membership when it ends?\n[ASK ALL] Scale from 0 to 10. 99 = Refused.',
    `### Q16. What is the main reason you might not renew?\n${routing.q16}\n1. Cost\n2. Moving away\n3. Not using it enough\n4. Something else`,
    `### Q17. What would make you more likely to recommend us?\n${routing.q17 ?? '[ASK ALL]'}\n1. Better equipment\n2. Friendlier staff\n3. Lower prices\n4. Something else`,
  ].join('\n\n');
}
