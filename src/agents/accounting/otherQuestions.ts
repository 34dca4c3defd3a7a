import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { outsideSpans } from './spans';
import { stemsOfWords, subjectStems } from './subjectWords';
import type { TextClaims } from './textClaims';

/**
 * Questions the words speak of that the filter does not use: "Ask respondents in the north (reg = 1) who own a dog"
 * speaks of the dog question too. A question counts when the words (outside a condition written in them and outside
 * the labels they name) hold a word of its label that no other question's label has and no filter variable's has.
 */
export function otherQuestions(claims: readonly TextClaims[], used: ReadonlySet<string>, variables: readonly VariableSummary[]): VariableSummary[] {
  const labelStems = variables.map((v) => ({ v, stems: subjectStems(v.label) }));
  const df = new Map<string, number>();
  for (const l of labelStems) for (const s of l.stems) df.set(s, (df.get(s) ?? 0) + 1);
  const own = new Set<string>();
  for (const l of labelStems) {
    if (!used.has(l.v.name.toLowerCase())) continue;
    for (const s of l.stems) own.add(s);
    for (const vl of l.v.valueLabels) for (const s of subjectStems(vl.label)) own.add(s);
  }
  const spoken = new Set<string>();
  for (const c of claims) {
    const condition = c.explicit ? [{ start: c.explicit.start, end: c.explicit.end }] : [];
    for (const s of stemsOfWords(outsideSpans(c.words, [...condition, ...c.labels]).map((w) => w.word))) spoken.add(s);
  }
  return labelStems
    .filter((l) => !used.has(l.v.name.toLowerCase()) && [...l.stems].some((s) => spoken.has(s) && df.get(s) === 1 && !own.has(s)))
    .map((l) => l.v);
}
