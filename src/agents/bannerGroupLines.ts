/** A banner group written on one line: its name and its columns as the plan words them. */
export interface GroupLine {
  heading: string;
  items: string[];
}

/** Longest group name read from a line (in words): longer text before a ":" or "(" is a sentence, not a name. */
const MAX_NAME_WORDS = 6;
const NOT_A_GROUP = /\b(note|notes|n\.b|base|bases|weight|weighting|weighted|title|banner|plan|spec|specification|significance|instructions?|comments?)\b/i;
const LEAD_WORDS = /^(?:and|or|by|plus|then|with|also|&)\s+/i;
/** Parentheses holding a condition define one column ("(Q3 = 1, 2)", "(Q3 is 4-5)"), not a group's columns. */
const OPERATOR = /[=<>]|\bis\s+\d|\bin\s*\(/i;

/**
 * Banner groups written on one line: "Gender: Men, Women" (a name, a colon, two or more columns separated by commas or
 * semicolons, or slashes) or a sentence naming groups with their columns in parentheses ("Columns: Gender (Men, Women) and
 * Region (North/South)."). Null when the line is neither. Commas inside parentheses do not separate columns
 * ("Regular (Q3 = 1, 2), Occasional (Q3 = 3)"). Linear in the line's length.
 */
export function groupsInLine(line: string): GroupLine[] | null {
  const text = line.trim().replace(/\*\*|__/g, '');
  return sentenceGroups(text) ?? namedList(text);
}

/**
 * The columns of a group written as one line under the group's heading ("Men, Women"): two or more short items
 * separated by commas or semicolons, none of them a bare code; null when the line is not such a list or the heading is a note.
 */
export function columnsInLine(line: string, heading: string): string[] | null {
  if (NOT_A_GROUP.test(heading)) return null;
  const text = line
    .trim()
    .replace(/\*\*|__/g, '')
    .replace(/\.\s*$/, '');
  if (OPERATOR.test(outsideParentheses(text))) return null;
  const items = listItems(text);
  const short = items.every((i) => outsideParentheses(i).split(/\s+/).filter(Boolean).length <= MAX_NAME_WORDS && !/^\d+(?:\.\d+)?$/.test(i));
  return items.length >= 2 && short ? items : null;
}

/** True for a heading that names notes, bases, weighting or the plan itself rather than a group. */
export function isNoteHeading(heading: string): boolean {
  return NOT_A_GROUP.test(heading);
}

/** "Gender: Men, Women" → Gender [Men, Women]; "Value (Q3): Top box, Bottom box" → Value (Q3) [Top box, Bottom box]. */
function namedList(text: string): GroupLine[] | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const heading = text.slice(0, colon).trim();
  if (!isGroupName(withoutTrailingCode(heading)) || NOT_A_GROUP.test(heading)) return null;
  const rest = text.slice(colon + 1).replace(/\.\s*$/, '');
  // "Satisfied: Q3 = 4, 5" is one column's condition, not a list of columns.
  if (OPERATOR.test(outsideParentheses(rest))) return null;
  const items = listItems(rest);
  return items.length >= 2 && !items.some((i) => /^\d+(?:\.\d+)?$/.test(i)) ? [{ heading, items }] : null;
}

/** "Columns: Gender (Men, Women) and Region (North, South)." → Gender [Men, Women], Region [North, South]. */
function sentenceGroups(text: string): GroupLine[] | null {
  const groups: GroupLine[] = [];
  let from = 0;
  for (const span of topLevelParentheses(text)) {
    const inner = text.slice(span.open + 1, span.close);
    const items = listItems(inner);
    if (items.length < 2 || OPERATOR.test(inner)) return null;
    const heading = groupName(text.slice(from, span.open));
    if (heading === null) return null;
    groups.push({ heading, items });
    from = span.close + 1;
  }
  // What follows the last group may only be punctuation.
  if (groups.length === 0 || /[\p{L}\p{N}]/u.test(text.slice(from))) return null;
  return groups;
}

/** The group name just before a "(": the text after the last ":", ",", ";" or leading "and", or null when it is not a name. */
function groupName(before: string): string | null {
  const cut = Math.max(before.lastIndexOf(':'), before.lastIndexOf(','), before.lastIndexOf(';'));
  let name = before.slice(cut + 1).trim();
  while (LEAD_WORDS.test(name)) name = name.replace(LEAD_WORDS, '');
  return isGroupName(name) && !NOT_A_GROUP.test(name) ? name : null;
}

/** "Value (Q3)" → "Value": a name without the question code after it; the name unchanged when its end is anything else. */
function withoutTrailingCode(name: string): string {
  if (!name.endsWith(')')) return name;
  const open = name.lastIndexOf('(');
  const code = name.slice(open + 1, -1);
  return open > 0 && !/[()[\]]/.test(code) && !OPERATOR.test(code) ? name.slice(0, open).trim() : name;
}

function isGroupName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= MAX_NAME_WORDS && /\p{L}/u.test(name) && !/[()[\]=<>]/.test(name);
}

/** The "(…)" spans at depth 0 of a text, each with its own closing parenthesis; an unclosed one ends the list. */
function topLevelParentheses(text: string): Array<{ open: number; close: number }> {
  const spans: Array<{ open: number; close: number }> = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) spans.push({ open, close: i });
    }
  }
  return spans;
}

/** The text with every top-level "(…)" span removed. */
function outsideParentheses(text: string): string {
  let out = '';
  let from = 0;
  for (const span of topLevelParentheses(text)) {
    out += `${text.slice(from, span.open)} `;
    from = span.close + 1;
  }
  return out + text.slice(from);
}

/** Columns listed with commas or semicolons ("Men, Women"), or else with slashes ("Men/Women"). */
function listItems(text: string): string[] {
  const items = splitTopLevel(text);
  if (items.length >= 2 || !text.includes('/')) return items;
  return text
    .split('/')
    .map((i) => i.trim())
    .filter(Boolean);
}

/** Items separated by commas or semicolons outside parentheses and brackets, trimmed, empty ones dropped. */
export function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (i === text.length || (depth === 0 && (c === ',' || c === ';'))) {
      const item = text.slice(start, i).trim();
      if (item) items.push(item);
      start = i + 1;
    }
  }
  return items;
}
