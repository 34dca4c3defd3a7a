/** The base of a table nobody was left out of. */
export const ALL_RESPONDENTS = 'All respondents';

/** What the base description needs to know of a table's variable. */
export interface AnsweredVariable {
  answered: number;
  missingValues: ReadonlyArray<number | string>;
  valueLabels: ReadonlyArray<{ value: number | string; label: string }>;
  /** Codes left out because their labels say they are not answers, though not declared missing (numeric questions). */
  nonAnswers?: ReadonlyArray<{ value: number; label: string }>;
}

const ANSWERED = /respondents who answered.*$/i;

/**
 * The base description of a table before any routing: "All respondents" when everyone answered it, else "Respondents
 * who answered", naming the codes not counted: those declared missing, and those left out because their labels say they
 * are not answers (a table's base is those who answered it).
 */
export function answeredBaseLabel(variables: readonly AnsweredVariable[], rowCount: number): string {
  if (variables.length === 0 || variables.some((v) => v.answered >= rowCount)) return ALL_RESPONDENTS;
  const only = variables.length === 1 ? variables[0]! : null;
  const missing = (only?.missingValues ?? []).map((m) => {
    const label = only!.valueLabels.find((vl) => String(vl.value) === String(m))?.label;
    return label === undefined ? String(m) : `${m} "${label}"`;
  });
  const nonAnswers = (only?.nonAnswers ?? []).map((c) => `${c.value} "${c.label}"`);
  const parts = [
    ...(missing.length > 0 ? [`${missing.join(', ')}, declared missing`] : []),
    ...(nonAnswers.length > 0 ? [`${nonAnswers.join(', ')}, labelled as ${nonAnswers.length === 1 ? 'a non-answer' : 'non-answers'}`] : []),
  ];
  return parts.length === 0 ? 'Respondents who answered' : `Respondents who answered (not counted: ${parts.join('; ')})`;
}

/**
 * The base description once routing or "Not asked" codes narrowed it: the narrowing first ("Asked if Q1 == 1"), then
 * what the answers already left out, kept from the previous description (an earlier narrowing is replaced: the new
 * one includes it).
 */
export function narrowedBaseLabel(narrowing: string, previous: string): string {
  const answered = ANSWERED.exec(previous)?.[0];
  return answered === undefined ? narrowing : `${narrowing}; ${answered[0]!.toLowerCase()}${answered.slice(1)}`;
}
