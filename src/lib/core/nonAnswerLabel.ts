/** True for labels like "Don't know", "Refused", "Prefer not to say", "Not applicable". */
export function isNonAnswerLabel(label: string): boolean {
  return /\b(don'?t know|do not know|dk|not sure|refused|prefer not|n\/a|not applicable|no answer|missing)\b/i.test(label);
}
