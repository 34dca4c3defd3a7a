import { routingStatements, skipTarget } from './routingText';
import { splitLines } from './splitLines';

/** One question section of a survey document. */
export interface SurveySection {
  /** Question ids as the document writes them ("Q3", or "Q7", "Q8" for a combined heading). */
  questionIds: string[];
  text: string;
}

// Word separators ("and", "to") need word boundaries: inside an id they would make every split of "Q1andQ2andQ3…"
// a candidate, and the pattern exponential.
const ID = '[A-Za-z]{1,8}\\d+[A-Za-z0-9_]*';
const QUESTION_HEADING = new RegExp(
  `^\\s*#{1,6}\\s*(?:\\*\\*)?(${ID}(?:\\s*(?:/|,|&|\\band\\b|-|–|\\bto\\b)\\s*${ID})*)(?:\\*\\*)?(?:\\s*[.:)]|\\s+[-–—]|\\s*$)`,
  'i',
);
const IDS = `${ID}(?:\\s*(?:/|,|&|-|–)\\s*${ID})*`;
// "Q3. …", "**Q3.** …", or a bold id alone: "**Q3** …".
const QUESTION_LINE = new RegExp(`^\\s*(?:\\*\\*(${IDS})\\*\\*\\s*[.:)]?|(?:\\*\\*)?(${IDS})(?:\\*\\*)?\\s*[.:)])\\s+\\S`);
const NAMED_HEADING = /^\s*#{1,6}\s*(?:\*\*)?([A-Z][A-Z0-9_]*[A-Z0-9])(?:\*\*)?\s*[.:]\s/;
const OTHER_HEADING = /^\s*#{1,6}\s+/;
const ID_SEPARATOR = /\/|,|&|\band\b/i;
const RANGE_SEPARATOR = /-|–|\bto\b/i;
const WORD = /[A-Za-z0-9_]+/g;

/**
 * Splits a survey document into question sections: headings like "### Q3. …" / "### REGION. …" or lines starting with a question id ("Q3. …").
 * Text after a non-question heading (a section intro, e.g. block routing) is carried into the next question.
 * Linear in the document's length.
 */
export function splitSurvey(surveyText: string): SurveySection[] {
  const sections: SurveySection[] = [];
  let current: { ids: string[]; lines: string[] } | null = null;
  let pending: string[] = [];
  for (const line of splitLines(surveyText)) {
    const m = QUESTION_HEADING.exec(line) ?? NAMED_HEADING.exec(line) ?? QUESTION_LINE.exec(line);
    if (m) {
      if (current) sections.push({ questionIds: current.ids, text: current.lines.join('\n').trim() });
      pending.push(line);
      current = { ids: expandQuestionIds((m[1] ?? m[2])!), lines: pending };
      pending = [];
    } else if (OTHER_HEADING.test(line)) {
      if (current) sections.push({ questionIds: current.ids, text: current.lines.join('\n').trim() });
      current = null;
      pending = [];
    } else if (current) {
      current.lines.push(line);
    } else {
      pending.push(line);
    }
  }
  if (current) sections.push({ questionIds: current.ids, text: current.lines.join('\n').trim() });
  return moveTrailingRouting(sections);
}

/** True when `line` contains one of `ids` (lower-cased) as a whole word, as `\bQ3\b` would find it. */
function namesAny(line: string, ids: ReadonlySet<string>): boolean {
  for (const [word] of line.matchAll(WORD)) if (ids.has(word.toLowerCase())) return true;
  return false;
}

/**
 * A routing line at the end of a section that conditions on the section's own question ("[ASK IF Q6 = 1]" after Q6's answers)
 * introduces the next question, so it is moved there; a skip instruction stays.
 */
function moveTrailingRouting(sections: SurveySection[]): SurveySection[] {
  for (let i = 0; i < sections.length - 1; i++) {
    const section = sections[i]!;
    const lines = section.text.split('\n');
    const ownIds = new Set(section.questionIds.map((q) => q.toLowerCase()));
    const moved: string[] = [];
    while (lines.length > 1) {
      const last = lines[lines.length - 1]!;
      if (last.trim() === '') {
        lines.pop();
        continue;
      }
      // A skip ("If Q5 = No, skip to Q7") is about the questions after this one: it stays where it is.
      if (routingStatements(last).length === 0 || !namesAny(last, ownIds) || skipTarget(last) !== null) break;
      moved.push(lines.pop()!);
    }
    if (moved.length === 0) continue;
    const next = sections[i + 1]!;
    sections[i] = { ...section, text: lines.join('\n').trim() };
    sections[i + 1] = { ...next, text: `${moved.reverse().join('\n')}\n${next.text}` };
  }
  return sections;
}

/** "Q7/Q8" → [Q7, Q8]; "Q7-Q9" → [Q7, Q8, Q9] (same prefix); "Q3" → [Q3]. */
export function expandQuestionIds(spec: string): string[] {
  const parts = spec
    .split(ID_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  const ids: string[] = [];
  for (const part of parts) {
    const range = /^([A-Za-z]+)(\d+)\s*(?:-|–|to)\s*([A-Za-z]+)(\d+)$/i.exec(part);
    if (range && range[1]!.toLowerCase() === range[3]!.toLowerCase() && Number(range[4]) >= Number(range[2]) && Number(range[4]) - Number(range[2]) <= 20) {
      for (let n = Number(range[2]); n <= Number(range[4]); n++) ids.push(`${range[1]}${n}`);
    } else {
      for (const id of part.split(RANGE_SEPARATOR)) if (id.trim()) ids.push(id.trim());
    }
  }
  return [...new Set(ids)];
}
