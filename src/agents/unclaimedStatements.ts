/** Most characters compared looking for statements inside rules (or rules inside statements); past it, the rest count as unclaimed. */
const MAX_COMPARED_CHARACTERS = 50_000_000;

const EDGE = new Set([...' *_[]()>."\'“”:;,!?']);

/** Lower case, one space between words, no markup or punctuation at either end: how two copies of a statement are compared. */
function normalized(text: string): string {
  const s = text.toLowerCase().replace(/\s+/g, ' ');
  // Trimmed by hand: an end-anchored pattern would rescan a long run of these characters from each of its positions.
  let start = 0;
  let end = s.length;
  while (start < end && EDGE.has(s[start]!)) start++;
  while (end > start && EDGE.has(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/**
 * The routing statements of a section that no rule holds: neither is one's text inside the other ("Only those unlikely
 * to renew (Q9 = 0-6)" is held by a rule "Q9 = 0-6", and holds it). A statement a rule repeats is found at once; past a
 * bound on the characters compared, a statement is counted unclaimed (its rule is then read twice, never dropped).
 */
export function unclaimedStatements(statements: readonly string[], rules: ReadonlyArray<{ conditionText: string }>): string[] {
  const texts = rules.map((r) => normalized(r.conditionText)).filter((t) => t !== '');
  const same = new Set(texts);
  const textLength = texts.reduce((n, t) => n + t.length, 0);
  let budget = MAX_COMPARED_CHARACTERS;
  return statements.filter((statement) => {
    const own = normalized(statement);
    if (own === '' || same.has(own)) return false;
    budget -= textLength + own.length * texts.length;
    return budget < 0 || !texts.some((t) => t.includes(own) || own.includes(t));
  });
}
