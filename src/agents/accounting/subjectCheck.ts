import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { optionText } from '@/agents/labelText';
import { outsideSpans } from './spans';
import { bestSubjects, stemsOfWords, subjectScores, subjectStems } from './subjectWords';
import type { TextClaims } from './textClaims';

/**
 * Why the words do not say a filter variable is the one they are about, or null when they do: by its id, by a label only
 * it has, or by words of its question (with the group label's) that name it more than any other variable the words
 * could also be about (`fits`; with none, the words can only be about it). "Scored 1" in a group "Food rating" is about
 * the food question, not the website one.
 */
export function subjectProblem(
  v: VariableSummary,
  claims: readonly TextClaims[],
  context: string,
  variables: readonly VariableSummary[],
  fits: (u: VariableSummary) => boolean,
): string | null {
  if (claims.some((c) => c.variableIds.some((id) => id.toLowerCase() === v.name.toLowerCase()))) return null;
  const labelOwners = new Map<string, Set<string>>();
  for (const u of variables) {
    const texts = [...u.valueLabels.map((vl) => vl.label), ...(u.kind === 'multi' ? [optionText(u)] : [])];
    for (const text of texts) {
      const key = text.trim().toLowerCase();
      labelOwners.set(key, (labelOwners.get(key) ?? new Set()).add(u.name));
    }
  }
  const ownLabel = claims.some((c) => c.labels.some((o) => o.variable === v.name && (labelOwners.get(o.text.toLowerCase())?.size ?? 1) <= 1));
  if (ownLabel) return null;
  // The words that name the answer ("Alpha") are accounted for as its label: the question is named by the others.
  const rest = claims.flatMap((c) =>
    outsideSpans(
      c.words,
      c.labels.filter((o) => o.variable === v.name),
    ).map((w) => w.word),
  );
  const stems = new Set([...stemsOfWords(rest), ...subjectStems(context)]);
  // Members of one declared category set are one question.
  const sameSet = (u: VariableSummary) => v.set?.type === 'category' && u.set?.name === v.set.name;
  const candidates = variables.filter((u) => u.name === v.name || (!sameSet(u) && fits(u)));
  if (candidates.length === 1) return null;
  const best = bestSubjects(
    subjectScores(stems, candidates),
    candidates.map((u) => u.name),
  );
  if (best.length === 1 && best[0] === v.name) return null;
  const where = context.trim() === '' ? 'the words' : 'the words and the group label';
  if (best.length === 0) return `nothing in ${where} says they are about ${v.name} ("${v.label}")`;
  const others = best.filter((n) => n !== v.name);
  const about = `about ${others.join(', ')}`;
  return `${where} are ${best.includes(v.name) ? `as much ${about} as` : `more ${about} than`} about ${v.name} ("${v.label}")`;
}
