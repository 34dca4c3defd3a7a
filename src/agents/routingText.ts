import { splitLines } from './splitLines';

// A word separator ("to") needs word boundaries: inside an id it would let "ask Q1toQ1toQ1…" backtrack quadratically.
const ROUTING = new RegExp(
  [
    String.raw`\b(?:ask|show|display)\s+(?:if|only|those|when|to|all\s+who|respondents\s+who)\b`,
    String.raw`\bask\s+[A-Z]+\d+\w*(?:\s*(?:-|–|\bto\b)\s*[A-Z]+\d+\w*)?\s+if\b`,
    String.raw`^\W*if\b`,
    String.raw`\bbase\s*:`,
    String.raw`\bfilter\s*:`,
    String.raw`\bonly\s+(?:ask|show|for|if|asked|those|respondents|people)\b`,
    String.raw`\basked\s+(?:to|of|only|if|when)\b`,
    String.raw`\bask\s+(?:[a-z]+\s+){1,4}only\b`,
    String.raw`\b(?:skip|go|jump)\s+to\s+[A-Z]+\d`,
    String.raw`\bskip\s+[A-Z]+\d+\w*\s`,
  ].join('|'),
  'i',
);
const NOT_A_RULE =
  /\b(?:ask|show)\s+(?:to\s+)?all\b(?!\s+who)|\b(?:base|filter|routing|universe)\s*[:=]\s*(?:all|total|everyone)\b(?!\s+who)|\bloop\b|\b(?:skip|go|jump)\s+to\b(?!\s*[A-Z]+\d)|\bterminate\b|\bclose\s+(?:the\s+)?(?:interview|survey)\b|^\W*close\W*$/i;
/**
 * Routing written as whom it is about, read in a question's instruction lines only (not its heading or an answer, where
 * a question's wording or an answer may open the same way): "Those who …", "For those who …", "Anyone who …", "Guests
 * who …", "Premium members that …", "Only …", "Shown to …", "Skip if …", "Do not ask if …", "Routing: …".
 */
const ROUTING_IN_PROSE = new RegExp(
  [
    String.raw`^\W*(?:(?:for|among|to|of|by)\s+)?those\b`,
    String.raw`^\W*(?:(?:for|among)\s+)?(?:people|respondents|participants|anyone|anybody|everyone|everybody|all|no\s*one)\s+(?:who|whose|that|aged|except|but|apart|other)\b`,
    String.raw`^\W*(?:(?:for|among)\s+)?(?:[a-z][\w'-]*\s+)?(?:[a-z][\w'-]*s|men|women|children|people)\s+(?:who|whose|that)\b`,
    String.raw`\b(?:for|among)\s+(?:those|respondents|people|anyone|everyone)\s+(?:who|whose|that|aged)\b`,
    String.raw`^\W*only\b(?!\s+(?:one|1|a\s+single|two|three)\s+(?:answers?|responses?|codes?|options?|choices?|mentions?)\b)`,
    String.raw`^\W*(?:except|excluding|exclude|unless|not\s+for|among)\b`,
    String.raw`^\W*for\s.*\bonly\b`,
    String.raw`\b(?:shown|displayed|presented|answered)\s+(?:to|by|only|if|when|for)\b`,
    String.raw`\bskip\s+(?:if|when|for|this|question)\b`,
    String.raw`\bbase\s*(?:=|[-–—]\s)`,
    String.raw`\bfilter\s*=`,
    String.raw`^\W*(?:routing|condition|universe|eligibility)\s*[:=]`,
  ].join('|'),
  'i',
);
/** A question heading ("### Q5. …", "Q5. …", "**Q5**") or an answer line ("1. …"): its words are not instructions. */
const NOT_PROSE = /^\s*(?:#|\*\*[A-Za-z]{1,8}\d+\w*\*\*|[A-Za-z]{1,8}\d+\w*\s*[.:)]\s|\d+\s*[.):]\s)/;
/**
 * "Skip if …", "Skip this question if …", "Do not ask if …", "Interviewer: never show to …", "Not asked of …", "This
 * question is not shown if …": the question is asked when the condition is false, as for a jump. Only where the
 * statement opens with it (or says it of the question), so "Those who have never asked for help" is none.
 */
const SKIP_SELF = new RegExp(
  [
    String.raw`^\W*skip(?:\s+this)?(?:\s+question)?\s+(?=if\b|when\b)`,
    String.raw`^\W*(?:(?:interviewer|programmer|note|instruction)\s*:\s*)?(?:do\s+not|don['’]?t|never|must\s+not|should\s+not)\s+(?:ask|show|display)\b`,
    String.raw`^\W*not\s+(?:to\s+be\s+)?(?:asked|shown|displayed)\b`,
    String.raw`\b(?:question|this|it)\s+(?:(?:is|was)\s+(?:not|never)|(?:isn['’]?t|wasn['’]?t)|(?:should|must|will)\s+(?:not|never)\s+be)\s+(?:asked|shown|displayed)\b`,
  ].join('|'),
  'i',
);
/** Asking negated, or a skip, anywhere: not one this reading is sure of unless isSkipStatement says it is one. */
const NEGATED_ASKING = /\b(?:not|never|don['’]?t|isn['’]?t|wasn['’]?t)\s+(?:be\s+)?(?:ask|show|display)(?:ed|n)?\b|\bskip(?:s|ped|ping)?\b/i;
/** A skip instruction naming the question it jumps to ("Skip to Q5 if …", "2. No (go to Q7)"). */
const SKIP_TO = /\b(?:skip|go|jump)\s+to\s+([A-Z]+\d+\w*)/i;
/** "Skip Q2 if …", "Skip Q2-Q4 if …": the questions skipped, named. */
const SKIP_NAMED = /\bskip\s+([A-Z]+\d+\w*(?:\s*(?:-|–|\bto\b|\band\b|,|&|\/)\s*[A-Z]+\d+\w*)*)\s+if\b/i;
/** An answer line: its code first ("2. No (skip to Q5)", "2) No → go to Q5"). */
const ANSWER_LINE = /^\s*(\d+)\s*[.):]\s+\S/;
/** "(Q5 = 1)", "(REGION = 2)", "(Q5 is Yes)": a variable compared (by a word only when its name holds a digit). */
const CONDITION_IN_PARENTHESES = /[A-Z]+\d+\w*\s*(?:\bis\b|\bin\b)|[A-Z_]\w*\s*(?:[=<>≤≥]|!=)/i;
/** Longest parenthesised text read as a possible condition (keeps the scan linear in the line). */
const MAX_PARENTHESISED = 200;

/**
 * True when a piece of survey text states who is asked ("ASK IF Q3 = 4 OR 5", "Only for…", "Skip to Q5 if…", and with
 * `prose`, a line of instructions: "Those who …", "Guests who …"); "[ASK ALL]" is not a rule.
 */
export function isRoutingText(text: string, prose = true): boolean {
  return (ROUTING.test(text) || (prose && ROUTING_IN_PROSE.test(text))) && !NOT_A_RULE.test(text);
}

/** The question id a skip instruction jumps to ("Skip to Q5 if Q1 = 2" → "Q5"), or null when the text is not one. */
export function skipTarget(statement: string): string | null {
  return SKIP_TO.exec(statement)?.[1] ?? null;
}

/** The questions a "Skip Q2 if …" / "Skip Q2-Q4 if …" instruction names, as written ("" when the text is not one). */
export function skippedQuestionsText(statement: string): string {
  return SKIP_NAMED.exec(statement)?.[1] ?? '';
}

/** True for a jump or a skip: the questions it names, jumps over or is written under are asked when its condition is false. */
export function isSkipStatement(statement: string): boolean {
  return SKIP_TO.test(statement) || SKIP_NAMED.test(statement) || SKIP_SELF.test(statement);
}

/**
 * True when a text negates asking or speaks of a skip ("Those who have never asked for help", "Please do not ask if …",
 * "Skip for Premium members") other than as a jump or a skip of its question: what it means for a condition beside it
 * is not known.
 */
export function negatesAskingUnclearly(text: string): boolean {
  return NEGATED_ASKING.test(text) && !isSkipStatement(text);
}

/** The statement without the words that say it is a skip ("skip to Q5", "do not ask"): what is left states its condition. */
export function withoutSkipWords(statement: string): string {
  return statement.replace(new RegExp(SKIP_TO.source, 'gi'), ' ').replace(new RegExp(SKIP_SELF.source, 'gi'), ' ');
}

/** The answer code of an answer-level skip ("2. No (skip to Q5)" → 2), or null. */
export function skippingAnswerCode(statement: string): number | null {
  if (!SKIP_TO.test(statement)) return null;
  const m = ANSWER_LINE.exec(statement);
  return m ? Number(m[1]) : null;
}

/**
 * The routing statements of a section, with markup removed: bracketed instructions inside lines, whole routing lines
 * (only their routing sentences), or else a condition in parentheses ("(Q5 = Yes)") anywhere in the section (with the
 * sentence around it in an instruction line). Linear in the text.
 */
export function routingStatements(sectionText: string): string[] {
  const out: string[] = [];
  const parenthesised: string[] = [];
  for (const rawLine of splitLines(sectionText)) {
    const line = rawLine.trim();
    if (!line) continue;
    // "2. No (skip to Q5)": the whole answer line, so its code is kept.
    if (ANSWER_LINE.test(line) && SKIP_TO.test(line)) {
      out.push(clean(line));
      continue;
    }
    const bracketed = bracketedTexts(line)
      .map((s) => s.trim())
      .filter((s) => isRoutingText(s));
    if (bracketed.length > 0) {
      for (const statement of bracketed) out.push(statement);
      continue;
    }
    // Keep only the routing sentence(s) of a line that also carries other instructions.
    const sentences = clean(line)
      .split(/(?<=[.!?])\s+(?=[A-Z[(])/)
      .map((s) => s.trim());
    const prose = !NOT_PROSE.test(line);
    const routing = sentences.filter((s) => isRoutingText(s, prose));
    if (routing.length > 0) {
      out.push(routing.join(' '));
      continue;
    }
    // In an instruction line, the sentence around the condition is kept: its words may add to it or exclude it.
    const around = prose ? sentences.filter((s) => conditionsInParentheses(s).length > 0) : [];
    parenthesised.push(...(around.length > 0 ? around : conditionsInParentheses(line)));
  }
  return [...new Set(out.length > 0 ? out : parenthesised)];
}

/**
 * The texts between "[" and the next "]" (at least one character), left to right, as `/\[([^\]]+)\]/g` finds them, but in
 * one pass: that pattern rescans to the end of the line from every "[" that has no "]" after it.
 */
function bracketedTexts(line: string): string[] {
  return delimitedTexts(line, '[', ']', Number.MAX_SAFE_INTEGER, false);
}

/** The conditions written in parentheses in a text ("Premium members (Q1 = 3)" → "Q1 = 3"). */
function conditionsInParentheses(text: string): string[] {
  return parenthesisedTexts(text)
    .filter((t) => CONDITION_IN_PARENTHESES.test(t))
    .map((t) => t.trim());
}

/** The innermost "(…)" texts of a line, up to MAX_PARENTHESISED characters each. */
function parenthesisedTexts(line: string): string[] {
  return delimitedTexts(line, '(', ')', MAX_PARENTHESISED, true);
}

/** Texts from an opening character to the next closing one (from the last opening before it when `innermost`). */
function delimitedTexts(line: string, openChar: string, closeChar: string, maxLength: number, innermost: boolean): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const open = line.indexOf(openChar, from);
    if (open === -1) return out;
    const close = line.indexOf(closeChar, open + 1);
    if (close === -1) return out;
    // A later opening before the close: the innermost span starts there (the scan back stops at `open`).
    const inner = innermost ? line.lastIndexOf(openChar, close) : open;
    if (close > inner + 1 && close - inner - 1 <= maxLength) out.push(line.slice(inner + 1, close));
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
