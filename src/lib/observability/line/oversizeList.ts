/**
 * Most items in any list of a line a reader walks (stages, agent calls, agents, warnings, causes, truncated fields).
 * The writer caps them lower: 200 stages, 100 agent calls, 50 agents, 10 warnings, 9 cause levels.
 */
export const MAX_LIST_ITEMS = 1_000;

const formatCount = (n: number): string => n.toLocaleString('en-US');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Items of a list (array length, or object key count); 0 for anything else. */
function itemsOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isRecord(value) ? Object.keys(value).length : 0;
}

/**
 * The first list of a parsed line that the reader walks and that holds more than MAX_LIST_ITEMS items, as
 * `stages: 20,000 (at most 1,000)`; undefined when every one is within the cap.
 */
export function oversizeList(raw: Record<string, unknown>): string | undefined {
  const error = isRecord(raw.error) ? raw.error : {};
  const warnings = isRecord(raw.warnings) ? raw.warnings : {};
  const lists: Array<[string, unknown]> = [
    ['stages', raw.stages],
    ['agentCalls', raw.agentCalls],
    ['agents', raw.agents],
    ['truncated', raw.truncated],
    ['error.causes', error.causes],
    ['warnings.first', warnings.first],
    ['warnings.byClassification', warnings.byClassification],
  ];
  for (const [name, value] of lists) {
    const n = itemsOf(value);
    if (n > MAX_LIST_ITEMS) return `${name}: ${formatCount(n)} (at most ${formatCount(MAX_LIST_ITEMS)})`;
  }
  return undefined;
}
