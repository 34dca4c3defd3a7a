import { crosstabAgentInputSchema, type CrosstabAgentOutput } from '@/agents/contracts/crosstabAgentContract';
import { parseCondition, type ParsedCondition } from './conditionParser';
import { matchNumbers, type RangeExpressionMatch } from './numberMatcher';
import { matchLabelList } from './labelListMatcher';
import { matchLabelOpenEnds } from './labelOpenEndMatcher';
import { withAnswerTexts } from './withAnswerTexts';
import { contentWords, normalizeText } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { matchValueLabels, type LabelMatch } from './valueLabelMatcher';
import { hasNegation } from '@/agents/labelText';
import { substantiveLabels } from '@/agents/answerCategories';
import { VariableIndex } from './variableIndex';

type Candidate = LabelMatch | RangeExpressionMatch;
type ColumnResult = CrosstabAgentOutput['columns'][number];

const AMBIGUITY_PENALTY = 0.2;
/** A label match at least this strong names its category on its own (a label, or one with a word of its variable). */
const CLEAR_SCORE = 0.75;
const AUXILIARY = new Set(['did', 'does', 'do', 'has', 'have', 'had', 'was', 'were', 'is', 'are', 'been']);

/**
 * Local rules for CrosstabAgent: explicit references ("S1 = 1", "Q1 in 1,2", "AGEGRP 1-2") are read directly;
 * word descriptions are matched against value labels and number ranges; the group's columns prefer one shared variable.
 */
export function solveCrosstab(raw: unknown): CrosstabAgentOutput {
  const input = crosstabAgentInputSchema.parse(raw);
  const index = new VariableIndex(input.variables);
  const answers = input.answerTexts;
  const named = withAnswerTexts(input.variables, answers);
  const results = new Map<string, ColumnResult>();
  const pending: Array<{ id: string; candidates: Candidate[] }> = [];
  // The group label is the context of every column: read it once, however long it is and however many columns there are.
  const groupWords = new WordIndex(contentWords(input.group.label));

  for (const column of input.columns) {
    const text = column.source.trim() || column.label;
    if (/^(total|all respondents|everyone|all)$/i.test(normalizeText(text))) {
      results.set(column.id, { id: column.id, expression: 'TRUE', confidence: 0.95, referencedVariables: [], reason: 'total column', match: 'exact' });
      continue;
    }
    const explicit = parseCondition(text, index);
    if (explicit) {
      results.set(column.id, explicitResult(column.id, explicit));
      continue;
    }
    const read = (t: string): Candidate[] =>
      [
        ...matchNumbers(t, input.group.label, input.variables, answers),
        ...matchLabelList(t, input.variables, answers),
        ...matchLabelOpenEnds(t, groupWords, input.variables, answers),
        ...matchValueLabels(t, groupWords, named),
      ].sort((a, b) => b.score - a.score);
    const candidates = read(text);
    // "Southerners (region is south)": when the whole text names no one category, its definition in parentheses may.
    const definition = isClear(candidates) ? null : trailingParenthesised(text);
    const defined = definition === null ? [] : read(definition);
    pending.push({ id: column.id, candidates: isClear(defined) ? defined : candidates });
  }

  // Variables that best explain the most columns of this group win ties.
  const votes = new Map<string, number>();
  for (const p of pending) {
    const top = p.candidates[0]?.score;
    for (const c of new Set(p.candidates.filter((c) => c.score === top).map((c) => c.variable))) votes.set(c, (votes.get(c) ?? 0) + 1);
  }
  for (const p of pending) results.set(p.id, choose(p.id, p.candidates, votes, index));

  // "Did not contact customer service" next to "Contacted customer service (Q6 = 1)" is the other side of the same question.
  const siblings = new SiblingWords();
  for (const column of input.columns) {
    const own = results.get(column.id);
    if (!own || own.confidence >= 0.7) continue;
    const opposite = negatedSibling(column, input.columns, results, index, siblings);
    if (opposite) results.set(column.id, { ...opposite, id: column.id, referencedVariables: [], match: 'label' });
  }

  return { columns: input.columns.map((c) => results.get(c.id)!) };
}

type Column = { id: string; label: string; source: string };

/** Each column's description words without parenthesised references, computed once however many columns compare with it. */
class SiblingWords {
  private readonly cache = new Map<string, { negated: boolean; words: string[]; index: WordIndex }>();

  of(column: Column): { negated: boolean; words: string[]; index: WordIndex } {
    let entry = this.cache.get(column.id);
    if (!entry) {
      const text = withoutParentheses(column.source.trim() || column.label);
      const words = contentWords(text);
      entry = { negated: hasNegation(text), words, index: new WordIndex(words) };
      this.cache.set(column.id, entry);
    }
    return entry;
  }
}

/** The text with every "(…)" span (up to the next ")") replaced by a space, as `/\([^)]*\)/g` would, in one pass. */
function withoutParentheses(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('(', from);
    const close = open === -1 ? -1 : text.indexOf(')', open + 1);
    if (close === -1) return out + text.slice(from);
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
}

/**
 * True when the best candidate is a label match strong enough to stand alone, and the text names no other category (a
 * reading of numbers or of a list of labels accounts for the several categories it names).
 */
function isClear(candidates: readonly Candidate[]): boolean {
  const best = candidates[0];
  if (best === undefined || best.match !== 'label' || best.score < CLEAR_SCORE) return false;
  return 'expression' in best || namedCategories(candidates).length <= 1;
}

/** The text inside the "(…)" that ends a description ("Southerners (region is south)" → "region is south"), or null. */
function trailingParenthesised(text: string): string | null {
  const end = text.trimEnd();
  if (!end.endsWith(')')) return null;
  let depth = 0;
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] === ')') depth++;
    else if (end[i] === '(' && --depth === 0) {
      const inner = end.slice(i + 1, -1).trim();
      return inner !== '' && end.slice(0, i).trim() !== '' ? inner : null;
    }
  }
  return null;
}

/** An explicit condition: exact, unless the text says more than it (another condition, or words joined to it by "and"/"or"…). */
function explicitResult(id: string, explicit: ParsedCondition): ColumnResult {
  const missing = explicit.unknownVariables;
  const referencedVariables = [...missing, ...explicit.variables];
  if (missing.length > 0) {
    return { id, expression: '', confidence: 0, referencedVariables, reason: `refers to ${missing.join(', ')}, not in the data map`, match: 'none' };
  }
  if (explicit.hasOtherCondition || explicit.joinedToProse) {
    const why = explicit.hasOtherCondition ? 'the description states more than one condition' : 'the condition is joined to words that add to it';
    return { id, expression: explicit.expression, confidence: 0.4, referencedVariables, reason: `read "${explicit.expression}" but ${why}`, match: 'partial' };
  }
  return { id, expression: explicit.expression, confidence: 0.95, referencedVariables, reason: 'explicit variable reference', match: 'exact' };
}

/**
 * The best candidate, with how it matched: a tie between variables the group's other columns do not settle is partial;
 * a description inside one longer label is a label match when no other label holds it; a description naming several
 * categories ("Men in the North", "Gender (Men, Women)") is partial unless one label is the whole description.
 */
function choose(id: string, candidates: Candidate[], votes: Map<string, number>, index: VariableIndex): ColumnResult {
  const best = candidates[0];
  if (!best) return { id, expression: '', confidence: 0, referencedVariables: [], reason: 'no value label or variable matches the description', match: 'none' };
  const tied = candidates.filter((c) => c.score === best.score);
  const ranked = [...tied].sort((a, b) => (votes.get(b.variable) ?? 0) - (votes.get(a.variable) ?? 0));
  const pick = ranked[0]!;
  const same = (c: Candidate) => sameSource(c, pick, index);
  const rivals = ranked.filter((c) => !same(c) && (votes.get(c.variable) ?? 0) === (votes.get(pick.variable) ?? 0));
  let match = pick.match;
  let reason = pick.why;
  if (rivals.length > 0) {
    match = 'partial';
    reason = `${pick.why} (also matches ${rivals.map((r) => r.variable).join(', ')})`;
  } else if (match === 'partial' && !candidates.some((c) => c.score >= 0.7 && !same(c))) {
    match = 'label';
  }
  const several = namedCategories(candidates);
  if (several.length > 1 && pick.score < 0.9) {
    match = 'partial';
    reason = `the description names several categories (${several.map((c) => c.why).join('; ')})`;
  }
  const confidence = Math.max(0.05, pick.score - (rivals.length > 0 ? AMBIGUITY_PENALTY : 0));
  const expression = 'expression' in pick ? pick.expression : categoryExpression(pick, index);
  return { id, expression, confidence: round(confidence), referencedVariables: [], reason, match };
}

/** Same variable and codes, or the same codes of members of one declared category set (they count as one). */
function sameSource(a: Candidate, b: Candidate, index: VariableIndex): boolean {
  const codes = (c: Candidate) => ('codes' in c ? c.codes.join(',') : c.expression);
  if (codes(a) !== codes(b)) return false;
  if (a.variable === b.variable) return true;
  const setA = index.get(a.variable)?.set;
  return setA?.type === 'category' && setA.name === index.get(b.variable)?.set?.name;
}

/** Whole labels found in the description, those inside another one found left out; two or more: it names several categories. */
function namedCategories(candidates: readonly Candidate[]): LabelMatch[] {
  // A label and the survey's wording of the same answer name one category.
  const seen = new Set<string>();
  const whole = candidates.filter((c): c is LabelMatch => {
    if (!('labelWords' in c) || c.labelWords === undefined) return false;
    const key = `${c.variable}\u0000${c.codes.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept: LabelMatch[] = [];
  for (const c of whole) {
    const inside = whole.some(
      (d) =>
        d !== c &&
        d.labelWords!.length >= c.labelWords!.length &&
        new WordIndex(d.labelWords!).hasAll(c.labelWords!) &&
        (d.labelWords!.length > c.labelWords!.length || whole.indexOf(d) < whole.indexOf(c)),
    );
    if (!inside) kept.push(c);
  }
  return kept;
}

/** The expression of a label match; for a member of a declared category set, the code held by any member. */
function categoryExpression(pick: LabelMatch, index: VariableIndex): string {
  const set = index.get(pick.variable)?.set;
  if (set?.type !== 'category') return codesExpression(pick.variable, pick.codes);
  const members = index.variables.filter((v) => v.set?.name === set.name);
  return members.flatMap((m) => pick.codes.map((code) => codesExpression(m.name, [code]))).join(' | ');
}

function negatedSibling(
  column: Column,
  columns: readonly Column[],
  results: Map<string, ColumnResult>,
  index: VariableIndex,
  siblings: SiblingWords,
): Omit<ColumnResult, 'id' | 'referencedVariables'> | null {
  const text = column.source.trim() || column.label;
  if (!hasNegation(text)) return null;
  const own = contentWords(text).filter((w) => !hasNegation(w) && !AUXILIARY.has(w));
  if (own.length === 0) return null;
  const ownIndex = new WordIndex(own);
  for (const sibling of columns) {
    if (sibling.id === column.id) continue;
    const m = /^(\w+) == (-?\d+(?:\.\d+)?)$/.exec(results.get(sibling.id)?.expression ?? '');
    const variable = m ? index.get(m[1]!) : undefined;
    if (!m || !variable) continue;
    const theirs = siblings.of(sibling);
    if (theirs.negated || !theirs.index.hasAll(own) || !ownIndex.hasAll(theirs.words)) continue;
    const code = Number(m[2]);
    const others = substantiveLabels(variable).filter((vl) => vl.value !== code);
    if (others.length === 1) {
      const other = others[0]!;
      return {
        expression: codesExpression(variable.name, [other.value]),
        confidence: 0.8,
        reason: `opposite of "${sibling.label}": ${variable.name} "${other.label}"`,
      };
    }
    return { expression: `${variable.name} != ${code}`, confidence: 0.7, reason: `opposite of "${sibling.label}"` };
  }
  return null;
}

function codesExpression(variable: string, codes: Array<number | string>): string {
  const fmt = (c: number | string) => (typeof c === 'number' ? String(c) : JSON.stringify(c));
  return codes.length === 1 ? `${variable} == ${fmt(codes[0]!)}` : `${variable} in (${codes.map(fmt).join(', ')})`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
