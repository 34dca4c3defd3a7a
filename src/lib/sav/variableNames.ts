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
