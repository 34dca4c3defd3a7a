import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { VariableIndex } from '@/agents/local/variableIndex';
import type { AnswerText } from '@/agents/surveyAnswers';
import { describeFilterError, parseFilter, variablesOfNode, type FilterNode } from '@/lib/filters';
import { accountVariable, type Accounting, type NumberRead } from './accountVariable';
import { compareWithCondition } from './compareWithCondition';
import { filterParts, type VariableCondition } from './filterSelection';
import { labelsOutsideFilter } from './labelsOutsideFilter';
import type { LabelOccurrence } from './labelMentions';
import type { NumberMention } from './numberMentions';
import { readNumbers } from './readNumbers';
import { readClaims, VariantBook, type TextClaims } from './textClaims';
import { variablePoints, type VariablePoints } from './variablePoints';
import { outsideSpans } from './spans';
import { subjectProblem } from './subjectCheck';
import { topicNumberSpans } from './topicNumbers';
import { otherQuestions } from './otherQuestions';
import { boxCodes, type BoxPhrase } from './boxPhrases';
import { routedVariableTest } from '@/agents/routedVariables';

/** A mapping to check: the words it was made from, the filter a model wrote for them, and the dictionary it was shown. */
export interface CoverageInput {
  /** The words that name whom the filter is for (a column's label and description, a routing rule's text). */
  texts: readonly string[];
  expression: string;
  variables: readonly VariableSummary[];
  /** How the survey document words the answers (they name codes as value labels do). */
  answerTexts?: readonly AnswerText[];
  /** A jump ("Skip to Q5 if …"): the filter is for those who answered and do not meet the condition. */
  negated?: boolean;
  /** Words around the texts that say what they are about (a column's group label). */
  context?: string;
  /** For a routing rule, the questions it is for: its words are not about them, and its filter must not use them. */
  routed?: readonly string[];
}

/** Whether a mapping accounts for its words; when not, what was not covered. */
export type Coverage = { covered: true } | { covered: false; problems: string[] };

/**
 * Reads a mapping back against its words: every number, range and value label (or survey answer text) the words name
 * must be selected by the filter, and the filter must select nothing the words do not name; a condition written in the
 * words must select exactly whom the filter selects, and the words around it must not name more. Every variable id the
 * words write must be one the filter uses.
 */
export function accountForText(input: CoverageInput): Coverage {
  let tree: FilterNode;
  try {
    tree = parseFilter(input.expression);
  } catch (err) {
    return { covered: false, problems: [`the filter does not parse: ${describeFilterError(err)}`] };
  }
  const index = new VariableIndex(input.variables);
  const book = new VariantBook(input.variables, input.answerTexts ?? []);
  let at = 0;
  // A text inside another one ("Promoters" inside "Promoters (9-10)") says nothing the longer one does not.
  const texts = [...new Set(input.texts.map((t) => t.trim()).filter((t) => t !== ''))];
  const claims = texts
    .filter((t, i) => !texts.some((other, j) => j !== i && other.length > t.length && other.includes(t)))
    .map((t) => {
      const c = readClaims(t, index, book, at);
      at += t.length + 1;
      return c;
    });
  const used = new Set(variablesOfNode(tree).map((n) => n.toLowerCase()));
  const problems: string[] = [];
  const isRouted = routedVariableTest(input.routed ?? []);
  // The questions the words may be about: never one the rule is for.
  const subjects = input.variables.filter((v) => !isRouted(v));
  for (const v of input.variables) if (isRouted(v) && used.has(v.name.toLowerCase())) problems.push(`the filter uses ${v.name}, a question the rule is for`);
  for (const id of new Set(claims.flatMap((c) => c.variableIds))) {
    const members = index.get(id) ? [id] : (index.group(id) ?? []).map((m) => m.name);
    if (!members.some((m) => used.has(m.toLowerCase()))) problems.push(`the words name ${id}, which the filter does not use`);
  }
  if (!used.has('true')) {
    for (const v of otherQuestions(claims, used, subjects)) problems.push(`the words also speak of ${v.name} ("${v.label}"), which the filter does not use`);
  }
  const negated = input.negated === true;
  const parts = filterParts(tree, input.variables);
  const explicit = claims.filter((c) => c.explicit !== null);
  if (explicit.length > 0) {
    for (const c of explicit) {
      const condition = c.explicit!;
      if (condition.hasOtherCondition) problems.push(`"${c.text}" states more than one condition`);
      if (condition.joinedToProse) problems.push(`in "${c.text}" the condition is joined to words that add to it`);
      try {
        problems.push(...compareWithCondition(tree, condition.condition, negated, input.variables));
      } catch (err) {
        problems.push(`the condition "${condition.expression}" cannot be compared: ${describeFilterError(err)}`);
      }
    }
    // The words around a condition only name it ("Satisfied (Q3 = 4-5)"): what they name must be within it.
    problems.push(...wordsCovered(claims, parts, book, input.variables, subjects, negated ? 'avoid' : 'within', false));
  } else {
    problems.push(...wordsCovered(claims, parts, book, input.variables, subjects, negated ? 'outside' : 'exact', true, input.context ?? ''));
  }
  const distinct = [...new Set(problems)];
  return distinct.length === 0 ? { covered: true } : { covered: false, problems: distinct };
}

/** Problems between the words' numbers and labels and the filter's conditions on each variable. */
function wordsCovered(
  claims: readonly TextClaims[],
  parts: ReturnType<typeof filterParts>,
  book: VariantBook,
  variables: readonly VariableSummary[],
  subjects: readonly VariableSummary[],
  accounting: Accounting,
  mustName: boolean,
  context: string | null = null,
): string[] {
  const numbers = claims.flatMap((c) => c.numbers.map((m) => ({ m, c })));
  const labels = claims.flatMap((c) => c.labels);
  const boxes = claims.flatMap((c) => c.boxes);
  if ('problem' in parts) return numbers.length > 0 || labels.length > 0 || boxes.length > 0 || mustName ? [parts.problem] : [];
  if (parts.everyone) {
    const named = [
      ...numbers.map(({ m }) => `"${m.text}"`),
      ...boxes.map((b) => `"${b.text}"`),
      ...labelsOutsideFilter(labels, [], variables).map((o) => `"${o.text}"`),
    ];
    return named.length > 0 ? [`the words name ${named.join(', ')}, yet the filter selects everyone`] : [];
  }
  const problems: string[] = [];
  const reads = new Map<VariableCondition, NumberRead[]>(parts.parts.map((p) => [p, []]));
  const points = new Map(parts.parts.map((p) => [p, variablePoints(p.variable)]));
  // Numbers that are part of a question's own words ("in the past 12 months") name no answer.
  const topical = claims.flatMap((c) => topicNumberSpans(c.words, variables, c.offset));
  for (const { m } of outsideSpans(
    numbers.map(({ m, c }) => ({ m, c, start: m.start + c.offset, end: m.end + c.offset })),
    topical,
  )) {
    const attributed = attribute(m, parts.parts, points);
    if ('problem' in attributed) problems.push(attributed.problem);
    else reads.get(attributed.part)!.push(attributed.read);
  }
  for (const o of labelsOutsideFilter(labels, parts.parts, variables)) {
    problems.push(`the words name "${o.text}" (${o.variable}), which the filter does not use`);
  }
  // A box phrase is about the filter's only variable, or the one of them that is a scale with a positive end.
  const readers = (b: BoxPhrase) => (parts.parts.length === 1 ? parts.parts : parts.parts.filter((p) => !('problem' in boxCodes(b, p.variable))));
  const boxesOf = (part: VariableCondition) => boxes.filter((b) => readers(b).length === 1 && readers(b)[0] === part);
  for (const b of boxes) if (readers(b).length !== 1) problems.push(`"${b.text}" is not about one of ${parts.parts.map((p) => p.variable.name).join(', ')}`);
  for (const part of parts.parts) {
    const own: LabelOccurrence[] = labels.filter((o) => o.variable === part.variable.name);
    const numbersRead = reads.get(part)!;
    const ownBoxes = boxesOf(part);
    const openEnds = claims.flatMap((c) => c.openEnds).filter((o) => o.label.variable === part.variable.name);
    problems.push(...accountVariable({ condition: part, numbers: numbersRead, boxes: ownBoxes, labels: own, openEnds, claims }, book, accounting));
    // Words that name numbers or shared labels must also say which question they are about (not checked beside a condition).
    if (context === null || (numbersRead.length === 0 && own.length === 0 && ownBoxes.length === 0)) continue;
    const spans = new Set(own.map((o) => `${o.start}:${o.end}`));
    const quantity = (r: string) => r === 'bands' || r === 'continuous';
    const reading = points.get(part)!.reading;
    const fits = (u: VariableSummary) => {
      const uPoints = variablePoints(u);
      // Bands of a number ("18-34") and the number itself state the same range: not rival readings.
      if (u.name !== part.variable.name && quantity(reading) && quantity(uPoints.reading) && reading !== uPoints.reading) return false;
      const readable = numbersRead.every((r) => !('problem' in readNumbers(uPoints, r.mention)));
      const same = [...spans].every((span) => labels.some((o) => o.variable === u.name && `${o.start}:${o.end}` === span));
      const boxed = ownBoxes.every((b) => !('problem' in boxCodes(b, u)));
      // A multi-response option named by its words is as much a reading of them as a category's label.
      const kind = u.kind === 'single' || u.kind === 'numeric' || (u.kind === 'multi' && numbersRead.length === 0 && ownBoxes.length === 0);
      return kind && readable && same && boxed;
    };
    const problem = subjectProblem(part.variable, claims, context, subjects, fits);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The variable a number phrase is about: the filter's only variable, or the one variable it can be a value of. */
function attribute(
  m: NumberMention,
  parts: readonly VariableCondition[],
  points: ReadonlyMap<VariableCondition, VariablePoints>,
): { part: VariableCondition; read: NumberRead } | { problem: string } {
  const reads = parts.map((part) => ({ part, read: { mention: m, result: readNumbers(points.get(part)!, m) } }));
  if (reads.length === 1) return reads[0]!;
  const fitting = reads.filter((r) => !('problem' in r.read.result));
  if (fitting.length === 1) return fitting[0]!;
  const names = parts.map((p) => p.variable.name).join(', ');
  return { problem: fitting.length === 0 ? `"${m.text}" is not a value of ${names}` : `"${m.text}" could be a value of ${names}` };
}
