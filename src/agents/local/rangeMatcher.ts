import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { exactCover, parseRange, sameRange, type NumericRange } from './numericRange';
import { contentWords } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { substantiveLabels } from '@/agents/answerCategories';
import type { LabelMatch } from './valueLabelMatcher';
import type { MatchKind } from '@/agents/matchKind';

const RANGE_WORDS = new Set([
  'to',
  'and',
  'over',
  'under',
  'plus',
  'older',
  'younger',
  'above',
  'below',
  'between',
  'less',
  'more',
  'than',
  'up',
  'least',
  'most',
  'years',
  'year',
  'old',
  'yrs',
]);

/** A numeric-range match that needs a range expression instead of codes. */
export interface RangeExpressionMatch {
  variable: string;
  expression: string;
  score: number;
  why: string;
  match: MatchKind;
}

/** Words of a text that can name what a range is of ("age", "tenure"): content words without numbers and range words. */
export function rangeTopicWords(text: string): WordIndex {
  return new WordIndex(contentWords(text).filter((w) => !/^\d/.test(w) && !RANGE_WORDS.has(w)));
}

/**
 * Matches a number range in a description ("Aged 18 to 34", "55 and over") against value labels that are ranges ("18-34", "55+"),
 * or against a numeric variable the description's words (or the group label's, `context`: see rangeTopicWords) name, e.g. "age".
 */
export function matchRange(description: string, context: WordIndex, variables: readonly VariableSummary[]): Array<LabelMatch | RangeExpressionMatch> {
  const range = parseRange(description);
  if (!range) return [];
  const topicWords = rangeTopicWords(description);
  const out: Array<LabelMatch | RangeExpressionMatch> = [];
  for (const v of variables) {
    const varWords = contentWords(`${v.label} ${v.name.replace(/_/g, ' ')}`);
    const related = topicWords.hasAny(varWords) || context.hasAny(varWords);
    if (v.kind === 'single') {
      const labels = substantiveLabels(v);
      const parts = labels.map((vl) => parseRange(vl.label));
      const cover = exactCover(range, parts);
      if (!cover) continue;
      const exact = cover.length === 1 && sameRange(parts[cover[0]!]!, range);
      const base = exact ? 0.9 : 0.85;
      out.push({
        variable: v.name,
        codes: cover.map((i) => labels[i]!.value),
        score: related ? Math.min(1, base + 0.05) : base - 0.1,
        why: `range ${describe(range)} matches ${cover.map((i) => `"${labels[i]!.label}"`).join(' + ')} of ${v.name}`,
        match: 'label',
      });
    } else if (v.kind === 'numeric' && related) {
      out.push({
        variable: v.name,
        expression: rangeExpression(v.name, range),
        score: 0.8,
        why: `range ${describe(range)} on numeric ${v.name}`,
        match: 'label',
      });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** `S2 >= 18 & S2 <= 34`, `S2 >= 55`, `S2 <= 34`. */
export function rangeExpression(name: string, r: NumericRange): string {
  if (r.low !== null && r.high !== null) return r.low === r.high ? `${name} == ${r.low}` : `${name} >= ${r.low} & ${name} <= ${r.high}`;
  if (r.low !== null) return `${name} >= ${r.low}`;
  return `${name} <= ${r.high}`;
}

function describe(r: NumericRange): string {
  if (r.low !== null && r.high !== null) return `${r.low}-${r.high}`;
  return r.low !== null ? `${r.low}+` : `up to ${r.high}`;
}
