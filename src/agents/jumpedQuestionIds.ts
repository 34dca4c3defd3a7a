import { skipTarget } from './routingText';
import type { SurveySection } from './surveySections';

/** For each question id (lower case), the indexes of the sections that hold it, ascending. */
export type SectionsById = ReadonlyMap<string, readonly number[]>;

/** Indexes the sections of a survey by the question ids they hold. */
export function sectionsById(sections: readonly SurveySection[]): SectionsById {
  const byId = new Map<string, number[]>();
  sections.forEach((s, i) => {
    for (const id of s.questionIds) {
      const key = id.toLowerCase();
      const list = byId.get(key);
      if (list) list.push(i);
      else byId.set(key, [i]);
    }
  });
  return byId;
}

/**
 * The question ids after section `index` up to the farthest question its jumps go to ("Skip to Q5 if …"), that one
 * included: what a jump is a rule for. Empty when the section states no jump or no later section holds its target, so a
 * survey's size is not copied into every routed section.
 */
export function jumpedQuestionIds(sections: readonly SurveySection[], index: number, statements: readonly string[], byId: SectionsById): string[] {
  let farthest = -1;
  for (const statement of statements) {
    const target = skipTarget(statement);
    const at = target === null ? undefined : byId.get(target.toLowerCase())?.find((i) => i > index);
    if (at !== undefined && at > farthest) farthest = at;
  }
  return farthest === -1 ? [] : sections.slice(index + 1, farthest + 1).flatMap((s) => s.questionIds);
}
