import { words, sameWord } from './textMatching';

const TOPICS: ReadonlyArray<{ label: string; keys: string[] }> = [
  { label: 'Gender', keys: ['gender', 'sex'] },
  { label: 'Age', keys: ['age', 'agegrp', 'agegroup', 'ageband'] },
  { label: 'Region', keys: ['region', 'country', 'state', 'province', 'location'] },
  { label: 'Department', keys: ['department', 'dept', 'division'] },
  { label: 'Role', keys: ['role', 'position', 'grade', 'seniority'] },
  { label: 'Tenure', keys: ['tenure', 'service'] },
  { label: 'Site', keys: ['site', 'office', 'branch', 'plant'] },
  { label: 'Income', keys: ['income', 'salary'] },
  { label: 'Education', keys: ['education', 'qualification'] },
  { label: 'Segment', keys: ['segment'] },
];

/** The demographic/segment topic a variable's name or label points to ("Gender", "Age", "Department"...), or null. */
export function segmentTopic(name: string, label: string): string | null {
  const lowerName = name.toLowerCase();
  const tokens = words(label);
  for (const topic of TOPICS) {
    if (topic.keys.some((k) => lowerName.startsWith(k) || tokens.some((t) => sameWord(t, k)))) return topic.label;
  }
  return null;
}

/** Rank of a topic in reporting order (lower first); null or unlisted topics sort last. */
export function segmentTopicRank(label: string | null): number {
  const i = TOPICS.findIndex((t) => t.label === label);
  return i === -1 ? TOPICS.length : i;
}
