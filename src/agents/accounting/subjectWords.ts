import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { contentWords } from '@/agents/textMatching';

/** Words about answering rather than about a subject ("rated", "score", "said"): they name no question. */
export const ANSWER_WORDS = new Set(
  (
    'said say says saying answered answer answers answering rated rate rating ratings gave give given giving score scored scores ' +
    'scoring chose choose chosen selected select picked pick question questions asked ask if only base filter show either reply ' +
    'replied responded response code codes coded point points them as being than whose how would could should did does very ' +
    'top bottom box middle high low mid group total scale level ' +
    // Words of negation and grammar that a question's label may hold but that name no subject.
    'not no non never did don didn t can will there this that these it its we our me my i am about when where why'
  ).split(' '),
);
/** Words of number phrases ("or more", "between … and"). */
const RANGE_WORDS = new Set(
  'to and or over under plus older younger above below between less more than up least most through thru fewer lower higher greater'.split(' '),
);
/** Words that name a question by what it measures: "NPS", "promoters" are about likelihood to recommend. */
const ALIASES: Record<string, string> = { nps: 'recommend', promoter: 'recommend', detractor: 'recommend', passive: 'recommend' };
const aliasOf = (w: string): string | undefined => ALIASES[w] ?? ALIASES[w.replace(/s$/, '')];

/**
 * A word cut to its stem, so "rate", "rated" and "rating", "visit" and "visits", "renew" and "renewal" meet ("promoters"
 * → its alias "recommend").
 */
export function stem(word: string): string {
  const w = (aliasOf(word.toLowerCase()) ?? word).toLowerCase();
  let cut = w;
  for (const suffix of ['ings', 'ing', 'ers', 'als', 'al', 'ed', 'es', 's', 'd', 'e']) {
    // "aged" → "age" (its "ed" would leave too little): a lone "d" only where "ed" ends the word.
    if (suffix === 'd' && !w.endsWith('ed')) continue;
    // "renewal" → "renew", "arrival" → "arriv" (as "arrive"); "total", "legal" keep theirs.
    const least = suffix.startsWith('al') ? 4 : 3;
    if (w.endsWith(suffix) && w.length - suffix.length >= least) {
      cut = w.slice(0, -suffix.length);
      break;
    }
  }
  // Long words meet on their first six letters: "satisfied" and "satisfaction", "recommend" and "recommendation".
  return cut.length > 6 ? cut.slice(0, 6) : cut;
}

/** The stems of the words of a text that can name a subject: content words without numbers, answer words or range words. */
export function subjectStems(text: string): Set<string> {
  return stemsOfWords(contentWords(text));
}

/** The stems of content words that can name a subject (see subjectStems). */
export function stemsOfWords(words: readonly string[]): Set<string> {
  return new Set(words.filter((w) => !/\d/.test(w) && !ANSWER_WORDS.has(w) && !RANGE_WORDS.has(w)).map(stem));
}

/**
 * How strongly some words name each variable by its label: every stem they share with the label, weighed by how few
 * variables' labels have it (a word every question has, "satisfied", names none of them in particular).
 */
export function subjectScores(stems: ReadonlySet<string>, variables: readonly VariableSummary[]): Map<string, number> {
  // A question is named by its label, and by the unit its range labels share ("years" of "1-4 years", "5-9 years").
  const labels = variables.map((v) => ({ v, stems: new Set([...subjectStems(v.label), ...unitStems(v)]) }));
  const df = new Map<string, number>();
  for (const l of labels) for (const s of l.stems) df.set(s, (df.get(s) ?? 0) + 1);
  const scores = new Map<string, number>();
  for (const l of labels) {
    let score = 0;
    for (const s of stems) if (l.stems.has(s)) score += 1 / df.get(s)!;
    scores.set(l.v.name, score);
  }
  return scores;
}

/** The variables the words name best (several when tied; none when they name none). */
export function bestSubjects(scores: ReadonlyMap<string, number>, among: readonly string[]): string[] {
  const best = Math.max(0, ...among.map((n) => scores.get(n) ?? 0));
  return best === 0 ? [] : among.filter((n) => scores.get(n) === best);
}

/** The words every range label of a variable shares besides its numbers ("years" of "<1 year", "1-4 years", "10+ years"). */
function unitStems(v: VariableSummary): string[] {
  const ranged = v.valueLabels.filter((vl) => /\d/.test(vl.label)).map((vl) => stemsOfWords(contentWords(vl.label)));
  if (ranged.length < 2) return [];
  return [...ranged[0]!].filter((s) => ranged.every((r) => r.has(s)));
}
