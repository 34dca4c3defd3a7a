const NON_ANSWER =
  /\b(don'?t know|do not know|dk|not sure|unsure|can'?t say|cannot say|can'?t remember|don'?t remember|refused|prefer not|n\/a|not applicable|no answer|no response|missing)\b/i;
const NOT_ASKED = /\b(not asked|was not asked|wasn'?t asked|skipped|not shown|routed (?:past|out)|filtered out|not in base)\b/i;

/** True for labels like "Don't know", "Refused", "Prefer not to say", "Not applicable", "Not asked": codes outside an answer scale. */
export function isNonAnswerLabel(label: string): boolean {
  return NON_ANSWER.test(label) || NOT_ASKED.test(label);
}

/** True for labels saying the respondent was not asked ("Not asked", "Skipped", "Not shown"): such a code is never in a question's base. */
export function isNotAskedLabel(label: string): boolean {
  return NOT_ASKED.test(label);
}
