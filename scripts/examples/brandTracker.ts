import { Prng, toScale } from './prng';
import type { DatasetSpec, VariableSpec } from './savSpec';

/** Brands asked about in the brand tracker, in code order (code = index + 1). */
export const BRANDS = ['Alpha', 'Bravo', 'Cobalt', 'Delta', 'Echo', 'Other'] as const;
const CHANNELS = ['Phone', 'Email', 'Live chat', 'In store'] as const;
const REASONS = ['Product quality', 'Value for money', 'Customer service', 'Convenience', 'Something else'] as const;
const SATISFACTION: Array<[number, string]> = [
  [1, 'Very dissatisfied'],
  [2, 'Somewhat dissatisfied'],
  [3, 'Neither satisfied nor dissatisfied'],
  [4, 'Somewhat satisfied'],
  [5, 'Very satisfied'],
];
const RATING: Array<[number, string]> = [
  [1, 'Very poor'],
  [2, 'Poor'],
  [3, 'Fair'],
  [4, 'Good'],
  [5, 'Excellent'],
];
const SELECTED: Array<[number, string]> = [
  [0, 'Not selected'],
  [1, 'Selected'],
];

/** Mean satisfaction (1-5) by first-mentioned brand: the brands differ so the crosstabs show real contrasts. */
const BRAND_SATISFACTION = [4.1, 3.7, 3.2, 2.9, 3.8, 3.1];
/** Awareness weights of the first-mentioned brand by age group (18-34, 35-54, 55+). */
const BRAND_WEIGHTS_BY_AGE = [
  [18, 30, 14, 8, 22, 8],
  [26, 22, 18, 14, 12, 8],
  [34, 12, 20, 20, 6, 8],
];
const BRAND_USAGE = [0.45, 0.4, 0.3, 0.25, 0.3, 0.15];

const COMMENTS_HAPPY = [
  'Always reliable and easy to find',
  'Good value for the price',
  'Friendly staff in the local store',
  'Quality has improved this year',
  'No complaints at all',
];
const COMMENTS_UNHAPPY = [
  'Prices went up too much',
  'Delivery took far too long',
  'Hard to reach anyone on the phone',
  'Product broke after a month',
  'Store was out of stock twice',
];

function variables(): VariableSpec[] {
  const v: VariableSpec[] = [
    { name: 'RESPID', label: 'Respondent ID', type: 'numeric', width: 6, level: 'scale' },
    {
      name: 'S1',
      label: 'Gender',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Male'],
        [2, 'Female'],
        [3, 'Non-binary'],
      ],
      level: 'nominal',
    },
    { name: 'S2', label: 'Age in years', type: 'numeric', width: 3, level: 'scale' },
    {
      name: 'AGEGRP',
      label: 'Age group',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, '18-34'],
        [2, '35-54'],
        [3, '55+'],
      ],
      level: 'ordinal',
    },
    {
      name: 'REGION',
      label: 'Region',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'North'],
        [2, 'South'],
        [3, 'East'],
        [4, 'West'],
      ],
      level: 'nominal',
    },
    { name: 'WEIGHT', label: 'Weight', type: 'numeric', width: 8, decimals: 4, level: 'scale' },
    {
      name: 'Q1',
      label: 'Which brand comes to mind first?',
      type: 'numeric',
      width: 1,
      valueLabels: BRANDS.map((b, i) => [i + 1, b]),
      level: 'nominal',
    },
  ];
  BRANDS.forEach((brand, i) =>
    v.push({
      name: `Q2_${i + 1}`,
      label: `Brands used in the past 3 months: ${brand}`,
      type: 'numeric',
      width: 1,
      valueLabels: SELECTED,
      level: 'nominal',
    }),
  );
  v.push(
    {
      name: 'Q3',
      label: 'Overall satisfaction with your main brand',
      type: 'numeric',
      width: 2,
      valueLabels: [...SATISFACTION, [99, "Don't know"]],
      missing: [99],
      level: 'ordinal',
    },
    {
      name: 'Q4',
      label: 'Main reason for being satisfied',
      type: 'numeric',
      width: 1,
      valueLabels: REASONS.map((r, i) => [i + 1, r]),
      level: 'nominal',
    },
    { name: 'Q5', label: 'Likelihood to recommend (0-10)', type: 'numeric', width: 2, level: 'scale' },
    {
      name: 'Q6',
      label: 'Have you contacted customer service in the past year?',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Yes'],
        [2, 'No'],
      ],
      level: 'nominal',
    },
    {
      name: 'Q7',
      label: 'Satisfaction with customer service',
      type: 'numeric',
      width: 1,
      valueLabels: SATISFACTION,
      level: 'ordinal',
    },
  );
  CHANNELS.forEach((channel, i) =>
    v.push({
      name: `Q8_${i + 1}`,
      label: `Channels used to contact: ${channel}`,
      type: 'numeric',
      width: 1,
      valueLabels: SELECTED,
      level: 'nominal',
    }),
  );
  v.push(
    { name: 'Q9', label: 'Any other comments about your main brand?', type: 'string', width: 120 },
    {
      name: 'STORES',
      label: 'Number of stores visited',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'One store'],
        [2, 'Two stores'],
        [3, 'Three stores'],
      ],
      level: 'ordinal',
    },
  );
  for (let n = 1; n <= 3; n++) {
    v.push({
      name: `Q10_L${n}`,
      label: `Rating of store visit ${n}`,
      type: 'numeric',
      width: 1,
      valueLabels: RATING,
      level: 'ordinal',
    });
  }
  return v;
}

function ageGroup(age: number): number {
  return age < 35 ? 1 : age < 55 ? 2 : 3;
}

/** Cell weights correct the sample's over-representation of older and female respondents. */
function weightFor(rng: Prng, gender: number, group: number): number {
  const genderFactor = gender === 2 ? 0.88 : gender === 1 ? 1.12 : 1;
  const ageFactor = [1.35, 0.95, 0.75][group - 1] ?? 1;
  const w = genderFactor * ageFactor * (1 + rng.normal(0, 0.12));
  return Math.round(Math.min(2, Math.max(0.5, w)) * 10000) / 10000;
}

function respondent(rng: Prng, index: number): Array<number | string | null> {
  const gender = rng.weighted([1, 2, 3], [46, 51, 3]);
  const age = rng.int(18, 79);
  const group = ageGroup(age);
  const region = rng.weighted([1, 2, 3, 4], [28, 30, 20, 22]);
  const weight = weightFor(rng, gender, group);
  const brand = rng.weighted([1, 2, 3, 4, 5, 6], BRAND_WEIGHTS_BY_AGE[group - 1]!);
  const used = BRANDS.map((_, i) => (i + 1 === brand || rng.chance(BRAND_USAGE[i]!) ? 1 : 0));

  const dontKnow = rng.chance(0.04);
  const satisfaction = dontKnow ? 99 : toScale(rng.normal(BRAND_SATISFACTION[brand - 1]!, 0.95), 1, 5);
  const reason = satisfaction === 4 || satisfaction === 5 ? rng.weighted([1, 2, 3, 4, 5], [30, 25, 15, 22, 8]) : null;
  const recommend = dontKnow ? toScale(rng.normal(6, 2), 0, 10) : toScale(2 * satisfaction - 0.5 + rng.normal(0, 1.4), 0, 10);

  const contacted = rng.chance(satisfaction <= 2 ? 0.6 : 0.3) ? 1 : 2;
  const serviceRating = contacted === 1 ? toScale(rng.normal(satisfaction === 99 ? 3 : satisfaction - 0.3, 1), 1, 5) : null;
  let channels: Array<number | null> = CHANNELS.map((): number | null => null);
  if (contacted === 1) {
    channels = CHANNELS.map((_, i): number | null => (rng.chance([0.55, 0.4, 0.3, 0.2][i]!) ? 1 : 0));
    if (!channels.some((c) => c === 1)) channels[rng.int(0, CHANNELS.length - 1)] = 1;
  }

  const comment = rng.chance(0.6) ? rng.pick(satisfaction >= 4 && satisfaction !== 99 ? COMMENTS_HAPPY : COMMENTS_UNHAPPY) : '';

  const stores = rng.weighted([1, 2, 3], [50, 32, 18]);
  const storeRatings = [1, 2, 3].map((n) =>
    n <= stores ? toScale(rng.normal(satisfaction === 99 ? 3.4 : 1.2 + 0.6 * satisfaction, 0.9), 1, 5) : null,
  );

  return [
    1001 + index,
    gender,
    age,
    group,
    region,
    weight,
    brand,
    ...used,
    satisfaction,
    reason,
    recommend,
    contacted,
    serviceRating,
    ...channels,
    comment,
    stores,
    ...storeRatings,
  ];
}

/** The brand-tracker dataset: 800 weighted respondents with skips, multi-response sets and a store-visit loop. */
export function brandTrackerDataset(seed = 20240611, count = 800): DatasetSpec {
  const rng = new Prng(seed);
  const rows = Array.from({ length: count }, (_, i) => respondent(rng, i));
  return { variables: variables(), rows, weight: 'WEIGHT' };
}
