import { splitLines } from './splitLines';

// A word separator ("to") needs word boundaries: inside an id it would let "ask Q1toQ1toQ1…" backtrack quadratically.
const ROUTING = /\b(?:ask|show|display)\s+(?:if|only|those|when|to|all\s+who|respondents\s+who)\b|\bask\s+[A-Z]+\d+\w*(?:\s*(?:-|–|\bto\b)\s*[A-Z]+\d+\w*)?\s+if\b|^\W*if\b|\bbase\s*:|\bfilter\s*:|\bonly\s+(?:ask|show)\b/i;
const NOT_A_RULE = /\b(?:ask|show)\s+(?:to\s+)?all\b(?!\s+who)|\bbase\s*:\s*(?:all|total)\b(?!\s+who)|\bloop\b|\b(?:skip|go)\s+to\b|\bterminate\b|\bclose\b/i;

/** True when a piece of survey text states who is asked ("ASK IF Q3 = 4 OR 5", "Ask only those who…", "SHOW IF…"); "[ASK ALL]" is not a rule. */
export function isRoutingText(text: string): boolean {
  return ROUTING.test(text) && !NOT_A_RULE.test(text);
}

/** The routing statements of a section: bracketed instructions inside lines, or whole routing lines, with markup removed. Linear in the text. */
export function routingStatements(sectionText: string): string[] {
  const out: string[] = [];
  for (const rawLine of splitLines(sectionText)) {
    const line = rawLine.trim();
    if (!line) continue;
    const bracketed = bracketedTexts(line).map((s) => s.trim()).filter(isRoutingText);
    if (bracketed.length > 0) {
      for (const statement of bracketed) out.push(statement);
      continue;
    }
    // Keep only the routing sentence(s) of a line that also carries other instructions.
    const sentences = clean(line).split(/(?<=[.!?])\s+(?=[A-Z[(])/).map((s) => s.trim());
    const routing = sentences.filter(isRoutingText);
    if (routing.length > 0) out.push(routing.join(' '));
  }
  return [...new Set(out)];
}

/**
 * The texts between "[" and the next "]" (at least one character), left to right, as `/\[([^\]]+)\]/g` finds them, but in
 * one pass: that pattern rescans to the end of the line from every "[" that has no "]" after it.
 */
function bracketedTexts(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const open = line.indexOf('[', from);
    if (open === -1) return out;
    const close = line.indexOf(']', open + 1);
    if (close === -1) return out;
    if (close === open + 1) {
      from = open + 1;
      continue;
    }
    out.push(line.slice(open + 1, close));
    from = close + 1;
  }
}

/** Trim any run of `*` and `_` from both ends. */
function trimEmphasis(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === '*' || s[start] === '_')) start++;
  while (end > start && (s[end - 1] === '*' || s[end - 1] === '_')) end--;
  return s.slice(start, end);
}

function clean(line: string): string {
  let s = trimEmphasis(line.replace(/^>\s*/, '').replace(/\*\*|__/g, '')).trim();
  if ((s.startsWith('[') && s.endsWith(']')) || (s.startsWith('(') && s.indexOf(')') === s.length - 1)) s = s.slice(1, -1).trim();
  return s;
}
