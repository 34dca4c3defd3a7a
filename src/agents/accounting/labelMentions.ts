import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { bracketNames, labelCore, optionText } from '@/agents/labelText';
import { sameWord } from '@/agents/textMatching';
import { stem } from './subjectWords';
import { selectedCodeOf } from '@/agents/local/variableIndex';
import { phraseWords, type TextWord } from './textWords';
import type { Code } from './variablePoints';
import type { AnswerText } from '@/agents/surveyAnswers';

/** One way a code of a variable is named: its value label, the label without its explanation, a survey answer text or an alternative it gives. */
export interface LabelVariant {
  variable: string;
  code: Code;
  /** The words as written ("Emergency department (A&E / ER)"). */
  text: string;
  words: string[];
}

/** Where a variant is named in a text. */
export interface LabelOccurrence extends LabelVariant {
  /** Index of its first and one past its last word in the text's words. */
  from: number;
  to: number;
  start: number;
  end: number;
}

/** Every variant naming a code: value labels, their core, multi-response option texts and survey answer texts with the alternatives in their brackets. */
export function labelVariants(v: VariableSummary, answers: readonly AnswerText[] = []): LabelVariant[] {
  const out: LabelVariant[] = [];
  const seen = new Set<string>();
  const add = (code: Code, text: string) => {
    const words = phraseWords(text);
    // A label made of numbers ("7", "18-34", "55+") is named by numbers, read as numbers.
    if (words.length === 0 || words.every((w) => /\d/.test(w))) return;
    const key = `${String(code)}\u0000${words.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ variable: v.name, code, text: text.trim(), words });
  };
  for (const vl of v.valueLabels) {
    add(vl.value, vl.label);
    add(vl.value, labelCore(vl.label));
  }
  if (v.kind === 'multi') add(selectedCodeOf(v), optionText(v));
  for (const a of answers) {
    add(a.code, a.text);
    add(a.code, labelCore(a.text));
    for (const alternative of bracketNames(a.text)) add(a.code, alternative);
  }
  return out;
}

/** A text's words indexed by their stems, built once and searched for every label variant. */
export class WordPositions {
  private readonly starts = new Map<string, number[]>();

  constructor(readonly words: readonly TextWord[]) {
    words.forEach((w, i) => {
      for (const key of stemKeys(w.word)) {
        const list = this.starts.get(key);
        if (list) list.push(i);
        else this.starts.set(key, [i]);
      }
    });
  }

  /** Positions of words that may be the same word as `word` (see sameWord), ascending per key. */
  candidates(word: string): Set<number> {
    return new Set(stemKeys(word).flatMap((key) => this.starts.get(key) ?? []));
  }
}

/**
 * Where each variant is named in the text's words (its words in order, next to each other); an occurrence inside a
 * longer one is left out ("Satisfied" inside "Very satisfied"). Each variant is looked for only where its first word is.
 */
export function labelOccurrences(text: readonly TextWord[] | WordPositions, variants: readonly LabelVariant[]): LabelOccurrence[] {
  const positions = text instanceof WordPositions ? text : new WordPositions(text);
  const words = positions.words;
  const found: LabelOccurrence[] = [];
  for (const variant of variants) {
    const n = variant.words.length;
    for (const i of positions.candidates(variant.words[0]!)) {
      if (i + n > words.length) continue;
      let k = 0;
      while (k < n && sameWord(words[i + k]!.word, variant.words[k]!)) k++;
      if (k === n) found.push({ ...variant, from: i, to: i + n, start: words[i]!.start, end: words[i + n - 1]!.end });
    }
  }
  return outermost(found);
}

/** A word and its cuts by one and two characters: two words that are the same word (sameWord) share one of these keys. */
function stemKeys(word: string): string[] {
  if (/\d/.test(word)) return [word];
  const keys = [word];
  if (word.length - 1 >= 3) keys.push(word.slice(0, -1));
  if (word.length - 2 >= 3) keys.push(word.slice(0, -2));
  return keys;
}

/** The occurrences not strictly inside a longer one (occurrences of the same span are all kept). */
function outermost(found: LabelOccurrence[]): LabelOccurrence[] {
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: LabelOccurrence[] = [];
  let reach = -1;
  let groupReach = -1;
  for (let i = 0; i < found.length; i++) {
    const o = found[i]!;
    const prev = found[i - 1];
    const sameSpan = prev !== undefined && prev.from === o.from && prev.to === o.to;
    if (!sameSpan) groupReach = reach;
    if (o.to > groupReach) kept.push(o);
    reach = Math.max(reach, o.to);
  }
  return kept;
}

/**
 * Codes a text names by a word of theirs that no other answer of the variable has ("south" for "South of England",
 * "women" for "Female"): weaker than a whole label, enough to say a selected code was named.
 */
export function distinctiveCodes(words: readonly TextWord[], variants: readonly LabelVariant[], answers: ReadonlySet<Code>): Set<Code> {
  // Words are compared by stem, so "year" and "years" are one word, shared by every label that has either.
  const owners = new Map<string, Set<string>>();
  for (const variant of variants) {
    if (!answers.has(variant.code)) continue;
    for (const w of variant.words) {
      if (/\d/.test(w)) continue;
      const key = stem(w);
      const set = owners.get(key) ?? new Set<string>();
      set.add(String(variant.code));
      owners.set(key, set);
    }
  }
  const named = new Set(words.map((t) => stem(t.word)));
  const codes = new Set<Code>();
  for (const variant of variants) {
    if (!answers.has(variant.code)) continue;
    for (const w of variant.words) if (owners.get(stem(w))?.size === 1 && named.has(stem(w))) codes.add(variant.code);
  }
  return codes;
}
