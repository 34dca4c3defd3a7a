/** Conventions survey data uses in variable names: multi-response columns and looped (stacked) iterations. */

const MULTI_MEMBER = /^(.+?)_(\d+)$/;
const LOOP_ITERATION = /^(.+)_(L|LOOP)(\d+)$/i;

/** The multi-response group a column name suggests (`Q2_3` → `Q2`), or null. */
export function multiGroupOf(name: string): string | null {
  return MULTI_MEMBER.exec(name)?.[1] ?? null;
}

/** The loop a looped variable name suggests (`Q10_L2` → stem `Q10`, loop `L`, iteration 2; `Q10_LOOP2` → loop `LOOP`), or null. */
export function loopOf(name: string): { stem: string; id: string; iteration: number } | null {
  const m = LOOP_ITERATION.exec(name);
  if (!m) return null;
  return { stem: m[1]!, id: m[2]!.toUpperCase(), iteration: Number(m[3]) };
}

/** A looped variable's name without its iteration suffix (`Q10_L2`, `Q10_LOOP2` → `Q10`); other names unchanged. */
export function loopStem(name: string): string {
  return loopOf(name)?.stem ?? name;
}

/** True for names that conventionally hold a respondent identifier (`RESPID`, `EMP_ID`, `id`). */
export function looksLikeIdName(name: string): boolean {
  return /id$/i.test(name);
}

const ID_NAME =
  /^(?:resp|respondent|serial|record|rec|case|interview|participant|panel+ist|subject|uuid|guid|uid)(?:_?(?:id|no|num|nr|number))?\d*$|(?:^|_)(?:id|uid|uuid|guid)(?:_|$)/i;
const ID_LABEL =
  /\b(?:id|identifier|uuid|guid)\b|\b(?:respondent|resp|record|case|serial|interview|participant|panel+ist|member|customer|user|employee|subject|household|response)\s*(?:no\.?|nr\.?|num|number|#|code|key)(?:\s|$)|^\s*(?:respondent|record|case|serial|number|no\.?)\s*$/i;

/**
 * True for a name or label that reads as an identifier (`resp` / "Respondent number", `serial`, `caseno` / "Case ID");
 * with values unique on every case, such a variable identifies respondents rather than asking them anything.
 */
export function looksLikeIdentifier(name: string, label: string): boolean {
  return looksLikeIdName(name) || ID_NAME.test(name) || ID_LABEL.test(label);
}
