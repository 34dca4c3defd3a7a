const ROUTING = /\b(?:ask|show|display)\s+(?:if|only|those|when|to|all\s+who|respondents\s+who)\b|\bask\s+[A-Z]+\d+\w*(?:\s*(?:-|–|to)\s*[A-Z]+\d+\w*)?\s+if\b|^\W*if\b|\bbase\s*:|\bfilter\s*:|\bonly\s+(?:ask|show)\b/i;
const NOT_A_RULE = /\b(?:ask|show)\s+(?:to\s+)?all\b(?!\s+who)|\bbase\s*:\s*(?:all|total)\b(?!\s+who)|\bloop\b|\b(?:skip|go)\s+to\b|\bterminate\b|\bclose\b/i;

/** True when a piece of survey text states who is asked ("ASK IF Q3 = 4 OR 5", "Ask only those who…", "SHOW IF…"); "[ASK ALL]" is not a rule. */
export function isRoutingText(text: string): boolean {
  return ROUTING.test(text) && !NOT_A_RULE.test(text);
}

/** The routing statements of a section: bracketed instructions inside lines, or whole routing lines, with markup removed. */
export function routingStatements(sectionText: string): string[] {
  const out: string[] = [];
  for (const rawLine of sectionText.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const bracketed = [...line.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.trim()).filter(isRoutingText);
    if (bracketed.length > 0) {
      out.push(...bracketed);
      continue;
    }
    // Keep only the routing sentence(s) of a line that also carries other instructions.
    const sentences = clean(line).split(/(?<=[.!?])\s+(?=[A-Z[(])/).map((s) => s.trim());
    const routing = sentences.filter(isRoutingText);
    if (routing.length > 0) out.push(routing.join(' '));
  }
  return [...new Set(out)];
}

function clean(line: string): string {
  let s = line.replace(/^>\s*/, '').replace(/\*\*|__/g, '').replace(/^[*_]+|[*_]+$/g, '').trim();
  if ((s.startsWith('[') && s.endsWith(']')) || (s.startsWith('(') && s.indexOf(')') === s.length - 1)) s = s.slice(1, -1).trim();
  return s;
}
