import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { hasNegation } from '@/agents/labelText';
import { looksLikeVariableId } from '@/agents/local/ClauseReader';
import { parseCondition, type ParsedCondition } from '@/agents/local/conditionParser';
import type { VariableIndex } from '@/agents/local/variableIndex';
import type { AnswerText } from '@/agents/surveyAnswers';
import { labelOccurrences, labelVariants, type LabelOccurrence, type LabelVariant } from './labelMentions';
import { numberMentions, type NumberMention } from './numberMentions';
import { scanNumberTokens } from './numberTokens';
import { outsideSpans } from './spans';
import { boxPhrases, type BoxPhrase } from './boxPhrases';
import { textWords, type TextWord } from './textWords';
import { labelOpenEnds, unreadDirections, type LabelOpenEnd } from './labelOpenEnds';

/** Everything one text names: a condition written in it, number phrases, value labels (or answer texts) and variable ids. */
export interface TextClaims {
  text: string;
  /** A condition written in the filter's terms ("Q3 = 4-5"), when the text holds one on variables the data has. */
  explicit: ParsedCondition | null;
  /** Number phrases outside the condition, the labels named and box phrases. */
  numbers: NumberMention[];
  /** "Top 2 box" phrases outside the condition (their number counts answers). */
  boxes: BoxPhrase[];
  /** Labels named outside the condition, of any variable shown. */
  labels: LabelOccurrence[];
  /** Labels named with an open end ("Good or better", "at least Satisfied"). */
  openEnds: LabelOpenEnd[];
  /** Words that say "toward an end" ("better", "above", "at least") read as part of no number, label or open end. */
  unread: string[];
  /** Variable ids written outside the condition ("at Q2"), as the data spells them. */
  variableIds: string[];
  words: TextWord[];
  negated: boolean;
  /** Where this text starts when several texts are read as one (spans of different texts never overlap). */
  offset: number;
}

/** The variants of every variable's codes, computed once for all the texts of a call. */
export class VariantBook {
  private readonly cache = new Map<string, LabelVariant[]>();

  constructor(
    private readonly variables: readonly VariableSummary[],
    private readonly answers: readonly AnswerText[],
  ) {}

  /** The variants naming the codes of one variable. */
  of(v: VariableSummary): LabelVariant[] {
    let list = this.cache.get(v.name);
    if (!list) {
      const key = v.name.toLowerCase();
      list = labelVariants(
        v,
        this.answers.filter((a) => a.variable.toLowerCase() === key),
      );
      this.cache.set(v.name, list);
    }
    return list;
  }

  /** The variants of every variable. */
  all(): LabelVariant[] {
    return this.variables.flatMap((v) => this.of(v));
  }
}

const TARGET_WORDS = new Set(['ask', 'skip', 'show', 'display', 'goto', 'go', 'jump', 'then']);
const TARGET_JOINS = new Set(['to', '-', '–', '—', ',', '/', '&', 'and', 'through']);

/** Reads what one text names. */
export function readClaims(text: string, index: VariableIndex, book: VariantBook, offset = 0): TextClaims {
  const parsed = parseCondition(text, index, { where: true });
  const explicit = parsed && parsed.unknownVariables.length === 0 && parsed.expression !== '' ? parsed : null;
  const outside = (start: number, end: number) => !explicit || end <= explicit.start || start >= explicit.end;
  const words = textWords(text);
  const labels = labelOccurrences(words, book.all()).filter((o) => outside(o.start, o.end));
  const tokens = scanNumberTokens(text);
  const boxes = boxPhrases(text).filter((b) => outside(b.start, b.end));
  const mentions = numberMentions(text, tokens);
  const numbers = outsideSpans(outsideSpans(mentions, labels), boxes).filter((m) => outside(m.start, m.end) && !questionNumber(text, m));
  const openEnds = labelOpenEnds(text, labels);
  const unread = unreadDirections(text, words, labels, openEnds, [...mentions, ...boxes, ...(explicit ? [explicit] : [])]);
  const variableIds: string[] = [];
  // "ASK Q7-Q9 IF …", "Skip to Q5 if …": the questions a rule is about are not part of its condition.
  let targets = false;
  for (const t of tokens) {
    if (t.kind === 'word' && TARGET_WORDS.has(t.text)) {
      targets = true;
      continue;
    }
    if (targets && (TARGET_JOINS.has(t.text) || t.kind === 'name')) continue;
    targets = false;
    if (t.kind === 'number' || !outside(t.start, t.end)) continue;
    const written = text.slice(t.start, t.end);
    const v = index.get(written) ?? index.group(written)?.[0];
    if (v && looksLikeVariableId(written)) variableIds.push(index.get(written)?.name ?? written);
  }
  return { text, explicit, numbers, boxes, labels, openEnds, unread, variableIds: [...new Set(variableIds)], words, negated: hasNegation(text), offset };
}

/** "question 9", "Q 9", "item 3": a number that names a question, not an answer. */
function questionNumber(text: string, m: NumberMention): boolean {
  return m.form === 'point' && /\b(?:question|q|item|no\.?|number|#)\s*$/i.test(text.slice(Math.max(0, m.start - 12), m.start));
}
