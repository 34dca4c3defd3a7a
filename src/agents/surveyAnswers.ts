import { z } from 'zod';
import type { VariableSummary } from './dataMapExcerpt';
import { phraseWords } from './accounting/textWords';
import { variablePoints } from './accounting/variablePoints';
import { sameWord } from './textMatching';
import { splitSurvey } from './surveySections';
import { splitLines } from './splitLines';

/** How the survey document words one answer of a variable ("1. Emergency department (A&E / ER)" for code 1 of Q5). */
export const answerTextSchema = z.object({ variable: z.string(), code: z.union([z.number(), z.string()]), text: z.string() });
/** One answer as the survey document words it. */
export type AnswerText = z.infer<typeof answerTextSchema>;

/** "1. Text", "1) Text", "(1) Text", "- 1 = Text", "1: Text". */
const ANSWER_LINE = /^\s*(?:[-*•]\s*)?\(?(\d{1,4})\)?\s*(?:[.):=]\s*|\s+[-–—]\s+|\s+)(\S.*)$/;
/** Programmer instructions in an answer line: "(skip to Q5)", "[GO TO Q7]", "→ Q3". */
const INSTRUCTION = /\s*(?:\[[^\]]*\]|\((?:skip|go|jump|continue|terminate|close|ask|then|anchor|exclusive|specify)\b[^)]*\)|(?:→|->).*$)/gi;
const MAX_ANSWERS_PER_QUESTION = 200;

/**
 * The answers the survey document lists under each question, for the data variable of the same name whose codes agree:
 * a question's answers are kept when at least as many of them share a word with the data's label of their code as do
 * not (the document numbers them as the data does), each for a code the variable can hold; else none are.
 */
export function surveyAnswerTexts(surveyText: string, variables: readonly VariableSummary[]): AnswerText[] {
  const byName = new Map(variables.map((v) => [v.name.toLowerCase(), v]));
  const out: AnswerText[] = [];
  for (const section of splitSurvey(surveyText)) {
    if (section.questionIds.length !== 1) continue;
    const v = byName.get(section.questionIds[0]!.toLowerCase());
    if (!v || v.kind === 'multi' || v.type === 'string') continue;
    const listed = answerLines(section.text);
    const codes = new Set(variablePoints(v).codes.map(String));
    let agree = 0;
    let disagree = 0;
    const kept: AnswerText[] = [];
    for (const { code, text } of listed) {
      const label = v.valueLabels.find((vl) => vl.value === code)?.label;
      if (label === undefined) {
        if (codes.has(String(code))) kept.push({ variable: v.name, code, text });
        continue;
      }
      const labelWords = phraseWords(label);
      if (phraseWords(text).some((w) => labelWords.some((l) => sameWord(w, l)))) agree++;
      else disagree++;
      kept.push({ variable: v.name, code, text });
    }
    if (disagree > agree) continue;
    out.push(...kept);
  }
  return out;
}

/** The numbered answer lines of a question section, instructions removed. */
function answerLines(text: string): Array<{ code: number; text: string }> {
  const out: Array<{ code: number; text: string }> = [];
  for (const line of splitLines(text)) {
    const m = ANSWER_LINE.exec(line);
    if (!m) continue;
    const answer = m[2]!
      .replace(INSTRUCTION, '')
      .replace(/\*\*|__/g, '')
      .trim();
    if (answer === '' || !/\p{L}/u.test(answer)) continue;
    out.push({ code: Number(m[1]), text: answer });
    if (out.length >= MAX_ANSWERS_PER_QUESTION) break;
  }
  return out;
}
