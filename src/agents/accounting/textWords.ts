import { canonicalWord } from '@/agents/labelText';
import { isStopWord } from '@/agents/textMatching';

/** A content word of a text, as labels are matched (lower-cased, everyday words mapped), with where it is in the text. */
export interface TextWord {
  word: string;
  start: number;
  end: number;
}

// "A&E" / "R & D" (single letters joined by "&") as one word; else runs of letters, digits and "+".
const WORD = /(?<![\p{L}\p{N}])(\p{L})\s*&\s*(\p{L})(?![\p{L}\p{N}])|[\p{L}\p{N}+]+/gu;

/** The content words of a text in order (stop words left out), each with its span. Linear in the text. */
export function textWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[1] !== undefined ? `${m[1]}${m[2]}` : m[0];
    const word = canonicalWord(raw.toLowerCase());
    if (isStopWord(word)) continue;
    out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The content words of a label or answer text, as textWords reads them. */
export function phraseWords(text: string): string[] {
  return textWords(text).map((w) => w.word);
}
