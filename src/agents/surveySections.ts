import { routingStatements } from './routingText';

/** One question section of a survey document. */
export interface SurveySection {
  /** Question ids as the document writes them ("Q3", or "Q7", "Q8" for a combined heading). */
  questionIds: string[];
  text: string;
}

const ID = '[A-Za-z]{1,8}\\d+[A-Za-z0-9_]*';
const QUESTION_HEADING = new RegExp(`^\\s*#{1,6}\\s*(?:\\*\\*)?(${ID}(?:\\s*(?:/|,|&|and|-|–|to)\\s*${ID})*)(?:\\*\\*)?\\s*(?:[.:)]|\\s[-–—]|\\s*$)`, 'i');
const QUESTION_LINE = new RegExp(`^\\s*(?:\\*\\*)?(${ID}(?:\\s*(?:/|,|&|-|–)\\s*${ID})*)(?:\\*\\*)?\\s*[.:)]\\s+\\S`);
const NAMED_HEADING = /^\s*#{1,6}\s*(?:\*\*)?([A-Z][A-Z0-9_]*[A-Z0-9])(?:\*\*)?\s*[.:]\s/;
const OTHER_HEADING = /^\s*#{1,6}\s+/;

/**
 * Splits a survey document into question sections: headings like "### Q3. …" / "### REGION. …" or lines starting with a question id ("Q3. …").
 * Text after a non-question heading (a section intro, e.g. block routing) is carried into the next question.
 */
export function splitSurvey(surveyText: string): SurveySection[] {
  const sections: SurveySection[] = [];
  let current: { ids: string[]; lines: string[] } | null = null;
  let pending: string[] = [];
  for (const line of surveyText.split(/\r?\n/)) {
    const m = QUESTION_HEADING.exec(line) ?? NAMED_HEADING.exec(line) ?? QUESTION_LINE.exec(line);
    if (m) {
      if (current) sections.push({ questionIds: current.ids, text: current.lines.join('\n').trim() });
      current = { ids: expandQuestionIds(m[1]!), lines: [...pending, line] };
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

/**
 * A routing line at the end of a section that conditions on the section's own question ("[ASK IF Q6 = 1]" after Q6's answers)
 * introduces the next question, so it is moved there.
 */
function moveTrailingRouting(sections: SurveySection[]): SurveySection[] {
  for (let i = 0; i < sections.length - 1; i++) {
    const section = sections[i]!;
    const lines = section.text.split('\n');
    const moved: string[] = [];
    while (lines.length > 1) {
      const last = lines[lines.length - 1]!;
      if (last.trim() === '') {
        lines.pop();
        continue;
      }
      const ownIds = section.questionIds.map((q) => new RegExp(`\\b${q}\\b`, 'i'));
      if (routingStatements(last).length === 0 || !ownIds.some((re) => re.test(last))) break;
      moved.unshift(lines.pop()!);
    }
    if (moved.length === 0) continue;
    const next = sections[i + 1]!;
    sections[i] = { ...section, text: lines.join('\n').trim() };
    sections[i + 1] = { ...next, text: `${moved.join('\n')}\n${next.text}` };
  }
  return sections;
}

/** "Q7/Q8" → [Q7, Q8]; "Q7-Q9" → [Q7, Q8, Q9] (same prefix); "Q3" → [Q3]. */
export function expandQuestionIds(spec: string): string[] {
  const parts = spec.split(/\s*(?:\/|,|&|\band\b)\s*/i).filter(Boolean);
  const ids: string[] = [];
  for (const part of parts) {
    const range = /^([A-Za-z]+)(\d+)\s*(?:-|–|to)\s*([A-Za-z]+)(\d+)$/i.exec(part.trim());
    if (range && range[1]!.toLowerCase() === range[3]!.toLowerCase() && Number(range[4]) >= Number(range[2]) && Number(range[4]) - Number(range[2]) <= 20) {
      for (let n = Number(range[2]); n <= Number(range[4]); n++) ids.push(`${range[1]}${n}`);
    } else {
      ids.push(...part.split(/\s*(?:-|–|\bto\b)\s*/i).filter(Boolean).map((s) => s.trim()));
    }
  }
  return [...new Set(ids)];
}
