import { groupsInLine, isNoteHeading, splitTopLevel } from './bannerGroupLines';

/** A line of a banner plan being read, with the index (from 0) of the plan line it comes from. */
export interface PlanLine {
  text: string;
  at: number;
}

/** A section of a banner plan being read: its heading and where it is, its lines, its heading's level (markdown "#" count; 0 for other headings). */
export interface PlanDraft {
  heading: string | null;
  headingAt: number | null;
  lines: PlanLine[];
  level: number;
  /** Set on what is left of a section once its table of groups is split out: its prose introduces the table. */
  introducesTable?: boolean;
}

/** What reading a plan did with lines that are in no section: headings and table headers used, rows left out and why. */
export interface LineLedger {
  used: Set<number>;
  unread: Map<number, string>;
}

/** A list item: "- Men", "* Men", "1. Men", "a) Men". */
export const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)]|[a-z][.)])\s+(.*)$/i;
/** A markdown table row: "| Men | S1 = 1 |" (the closing "|" may be left out). */
export const TABLE_ROW = /^\s*\|/;
/** A markdown table's rule under its header: "|---|:---:|". */
export const TABLE_RULE = /^\s*(?:\|\s*)?:?-{2,}/;
/** A list item or a table row: a line that writes a column. */
export const CONTENT = /^\s*(?:[-*+•]|\d+[.)]|[a-z][.)])\s+|^\s*\|/i;

/** Words of a table's header row ("| Column | Definition |"), for a header written without a rule under it. */
const HEADER_WORDS = /^(?:column|columns|label|definition|description|group|banner|spec|specification|filter|cut|name)$/i;

/** A comparison writes a condition ("Q3 = 4", "age < 35"): the line defines a column. */
const COMPARISON = /[=<>≤≥≠]/;
/** Words opening a note, an instruction or a title rather than a column. */
const NOTE_OPENING =
  /^(?:note|notes|n\.b\.?|nb|base|bases|weight|weighted|weighting|source|comment|comments|instructions?|show|total|totals|sig|significance)\b/i;
/** A sentence's last character: a line of two words or more ending in one is an instruction, not a column's name. */
const SENTENCE_END = /[.!?:]$/;

/** The cells of a table row, trimmed ("| a | b |" → ["a", "b"]). */
export function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** True when row `k` of a section's lines is its table's header: a rule follows it, or every cell is a header word or empty. */
export function isTableHeader(lines: readonly string[], k: number): boolean {
  let n = k + 1;
  while (n < lines.length && lines[n]!.trim() === '') n++;
  const next = lines[n];
  if (next !== undefined && TABLE_ROW.test(next) && TABLE_RULE.test(next)) return true;
  return tableCells(lines[k]!).every((c) => c === '' || HEADER_WORDS.test(c.replace(/\*\*|__|`/g, '')));
}

/**
 * True for a plan line that is a note, an instruction or a title, and so may be left out without a word: not a list item
 * or table row, no comparison, not a group written on one line, and either bracketed, opened by a note word, a sentence,
 * or naming notes or the plan itself ("Banner plan", "Weighting").
 * Anything else not read as a group or a column ("Old", "Dog lovers (Q5 = 1)") must be reported.
 */
export function readsAsNote(line: string): boolean {
  const text = line.trim().replace(/\*\*|__|`/g, '');
  if (text === '') return true;
  if (CONTENT.test(text) || COMPARISON.test(text) || groupsInLine(text) !== null) return false;
  if (/^[([].*[)\]]$/.test(text) || NOTE_OPENING.test(text)) return true;
  // "Value (Q3): Top box, Bottom box." names a group and lists columns, even where it is not read as a group.
  const colon = text.indexOf(':');
  if (colon > 0 && splitTopLevel(text.slice(colon + 1)).length >= 2) return false;
  return (SENTENCE_END.test(text) && /\s/.test(text)) || isNoteHeading(text);
}

/** A warning about a plan line, with the line's number (from 1) to put warnings in plan order. */
export interface LineWarning {
  line: number;
  message: string;
}

/** The warning for a plan line that was not read: its number (from 1), its text, and why when known. */
export function unreadLineWarning(line: PlanLine, why = 'it was not read as a banner group or column'): LineWarning {
  const text = line.text.trim();
  const shown = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return { line: line.at + 1, message: `Banner plan line ${line.at + 1} "${shown}" left out: ${why}` };
}
