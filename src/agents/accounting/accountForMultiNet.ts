import type { TableRow } from '@/lib/core/types';
import type { Coverage } from './accountForText';
import { stem } from './subjectWords';
import { phraseWords } from './textWords';

/** "Any …", "At least one …": a NET of every item of the set. */
const ANY_ITEM = /^\s*(?:any\b|at least one\b)/i;

/**
 * Reads a NET of a multiple-response table back against its label, as accountForNet does for a scale: the NET counts a
 * respondent who selected any of the rows it sums, so its label must name exactly those rows (by their labels' words),
 * or say "Any …" / "At least one …" and name none, summing every row. Which rows a grouping word names ("cardio",
 * "mind-body") words cannot tell: such a NET is not added.
 */
export function accountForMultiNet(label: string, codes: ReadonlyArray<number | string>, rows: readonly TableRow[]): Coverage {
  const text = label.replace(/\(?\bNET\b\)?/gi, ' ');
  const words = new Set(phraseWords(text).map(stem));
  const summedCodes = new Set(codes.map(String));
  const items = rows.filter((r) => !r.isNet && r.codes.length > 0);
  const summed = items.filter((r) => r.codes.every((c) => summedCodes.has(String(c))));
  const named = items.filter((r) => {
    const rowWords = phraseWords(r.label).map(stem);
    return rowWords.length > 0 && rowWords.every((w) => words.has(w));
  });
  const quote = (rs: readonly TableRow[]) => rs.map((r) => `"${r.label}"`).join(', ');
  if (named.length === 0) {
    if (!ANY_ITEM.test(text)) return { covered: false, problems: [`the label names none of the rows it sums (${quote(summed)})`] };
    const left = items.filter((r) => !summed.includes(r));
    return left.length === 0 ? { covered: true } : { covered: false, problems: [`the label says any item, yet the NET does not sum ${quote(left)}`] };
  }
  const problems: string[] = [];
  const unsummed = named.filter((r) => !summed.includes(r));
  const unnamed = summed.filter((r) => !named.includes(r));
  if (unsummed.length > 0) problems.push(`the label names ${quote(unsummed)}, which the NET does not sum`);
  if (unnamed.length > 0) problems.push(`the NET also sums ${quote(unnamed)}, which the label does not name`);
  return problems.length === 0 ? { covered: true } : { covered: false, problems };
}
