import type { VariableSummary } from './dataMapExcerpt';

/**
 * A test for the variables of the questions a routing rule is for (the question itself, a member of its family): a
 * rule's words are never about them, since who is asked a question cannot depend on its own answers.
 */
export function routedVariableTest(routed: readonly string[]): (v: VariableSummary) => boolean {
  const ids = routed.map((id) => id.toLowerCase());
  return (v) => {
    const name = v.name.toLowerCase();
    return ids.some((id) => name === id || v.group?.toLowerCase() === id || name.startsWith(`${id}_`));
  };
}
