import { columnsInLine, groupsInLine, isNoteHeading } from './bannerGroupLines';
import { CONTENT, LIST_ITEM, type LineLedger, type LineWarning, type PlanDraft as Draft, type PlanLine } from './bannerPlanLines';
import { splitGroupedTables } from './bannerPlanTables';
import { unaccountedLines } from './bannerPlanAccounting';
import { splitLines } from './splitLines';

/** One group section of a banner plan: its heading (null when the plan has none) and its body text. */
export interface PlanSection {
  heading: string | null;
  text: string;
}

/** A section with, for each line of its text, the number (from 1) of the plan line it comes from. */
export interface NumberedPlanSection extends PlanSection {
  lineNumbers: number[];
}

/** A banner plan read into group sections, and one warning per plan line that looks like a group or column but is in none. */
export interface BannerPlanReading {
  sections: NumberedPlanSection[];
  warnings: LineWarning[];
}

// Every pattern is anchored and free of nested or adjacent quantifiers over the same characters, so it runs in time
// linear in the line, whatever the line holds; captures that would need a lazy group are cut out by hand.
const MD_HEADING_OPEN = /^\s*#{1,6}\s/;
const GROUP_LINE_OPEN = /^\s*(?:\*\*)?(?:banner\s+)?(?:group|table|banner)\s*(?:\d+\s*)?[:.\-–—)]/i;
const BOLD_LINE = /^\s*\*\*([^*]+?)\*\*\s*(?::\s*)?$/;
const NUMBERED = /^\s*\d+[.)]\s+(.+)$/;
const BULLET = /^\s*[-*+•]\s+/;
const WHITESPACE = /\s/;
/** Longest line (in words) read as the name of the bullet list under it. */
const MAX_PLAIN_HEADING_WORDS = 5;

/**
 * Splits a banner plan into group sections: markdown headings ("## Gender"), "Group: X" / "Table 2: X" lines,
 * bold lines, or numbered items or short lines of words followed by a bullet list; a markdown table with a "Group" column
 * is split by that column, the section's other lines (a list above the table) staying its own; a line per group
 * ("Gender: Men, Women") or a sentence naming groups with their columns in parentheses ("Columns: Gender (Men, Women)
 * and Region (North, South).") becomes one section per group, wherever it is.
 * Sections without list items or table rows are dropped when they are titles or notes (a note-like heading, or another
 * heading level than the plan's groups), kept as groups written in prose otherwise; all are kept when the plan has no lists.
 * Linear in the plan's length.
 */
export function splitBannerPlan(planText: string): PlanSection[] {
  return readBannerPlan(planText).sections.map(({ heading, text }) => ({ heading, text }));
}

/**
 * Reads a banner plan as `splitBannerPlan` does, and accounts for every line: each non-empty line is used (a group's
 * heading, a column, a table's header or rule, a title over groups) or a note, or else a warning names it (see
 * bannerPlanAccounting). No line that looks like a group or a column is left out without a word.
 */
export function readBannerPlan(planText: string): BannerPlanReading {
  const lines = splitLines(planText);
  const ledger: LineLedger = { used: new Set(), unread: new Map() };
  const expanded = headedSections(lines)
    .flatMap((s) => splitGroupedTables(s, ledger))
    .flatMap((s) => expandGroupLines(s, ledger));
  const kept = keptSections(expanded);
  const keptSet = new Set(kept);
  const warnings = unaccountedLines(
    lines,
    kept,
    expanded.filter((s) => !keptSet.has(s)),
    ledger,
  );
  return { sections: kept.map(toSection), warnings };
}

/** The sections of a plan as its headings cut it, each heading's line kept; the first has no heading. */
function headedSections(lines: readonly string[]): Draft[] {
  const nextContent = nextContentLines(lines);
  const sections: Draft[] = [{ heading: null, headingAt: null, lines: [], level: 0 }];
  lines.forEach((line, i) => {
    const markdown = markdownHeading(line);
    const heading =
      markdown ??
      groupLineHeading(line) ??
      BOLD_LINE.exec(line)?.[1] ??
      (NUMBERED.test(line) && !/^\s/.test(line) && opensList(nextContent[i]!) ? NUMBERED.exec(line)?.[1] : undefined) ??
      plainHeading(line, nextContent[i]!);
    if (heading !== undefined)
      sections.push({ heading: heading.replace(/\*\*/g, '').trim(), headingAt: i, lines: [], level: markdown === undefined ? 0 : headingLevel(line) });
    else sections[sections.length - 1]!.lines.push({ text: line, at: i });
  });
  return sections;
}

/**
 * The sections that are groups: those with list items or table rows, and groups written in prose among them (same
 * heading level, not a note, not the introduction of a table of groups); when no section has a list, every headed
 * section with text.
 */
function keptSections(expanded: Draft[]): Draft[] {
  const hasContent = (s: Draft) => s.lines.some((l) => CONTENT.test(l.text));
  const hasText = (s: Draft) => s.lines.some((l) => l.text.trim() !== '');
  const withContent = expanded.filter(hasContent);
  if (withContent.length === 0) return expanded.filter((s) => s.heading !== null && hasText(s));
  // A group written in prose among groups written as lists (same heading level, not a note) is kept, for the agents to
  // map or report: a group the plan asks for is never dropped without a word.
  const levels = new Set(withContent.map((s) => s.level));
  const isProseGroup = (s: Draft) => s.heading !== null && !s.introducesTable && levels.has(s.level) && !isNoteHeading(s.heading) && hasText(s);
  return expanded.filter((s) => hasContent(s) || isProseGroup(s));
}

/** The section's text without blank lines at either end, and where each of its lines comes from. */
function toSection(s: Draft): NumberedPlanSection {
  let from = 0;
  let to = s.lines.length;
  while (from < to && s.lines[from]!.text.trim() === '') from++;
  while (to > from && s.lines[to - 1]!.text.trim() === '') to--;
  const lines = s.lines.slice(from, to);
  return {
    heading: s.heading,
    text: lines
      .map((l) => l.text)
      .join('\n')
      .trim(),
    lineNumbers: lines.map((l) => l.at + 1),
  };
}

function headingLevel(line: string): number {
  let i = line.indexOf('#');
  let level = 0;
  while (line[i] === '#') {
    level++;
    i++;
  }
  return level;
}

/** For each line, the first non-blank line after it ('' when none), in one backward pass. */
function nextContentLines(lines: readonly string[]): string[] {
  const next = new Array<string>(lines.length);
  let following = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    next[i] = following;
    if (lines[i]!.trim() !== '') following = lines[i]!;
  }
  return next;
}

/**
 * "## Gender ##" → "Gender": the text after 1–6 "#" and whitespace, without trailing "#"s and whitespace
 * (what `^\s*#{1,6}\s+(.+?)\s*#*\s*$` captures, without that pattern's cubic backtracking on long lines).
 */
function markdownHeading(line: string): string | undefined {
  const open = MD_HEADING_OPEN.exec(line);
  if (!open) return undefined;
  let start = open[0].length;
  while (start < line.length && WHITESPACE.test(line[start]!)) start++;
  // Only whitespace after the hashes: the capture is its last character (two are needed, one for each part).
  if (start === line.length) return line.length - open[0].length >= 1 ? line.slice(-1) : undefined;
  let end = line.length;
  while (end > start && WHITESPACE.test(line[end - 1]!)) end--;
  while (end > start && line[end - 1] === '#') end--;
  while (end > start && WHITESPACE.test(line[end - 1]!)) end--;
  return line.slice(start, Math.max(end, start + 1));
}

/** True when a numbered line is followed by a list under it: a bullet, or any list item indented ("   a) Men"). */
function opensList(next: string): boolean {
  return BULLET.test(next) || (/^\s/.test(next) && LIST_ITEM.test(next));
}

/** A short line of words before a list, not a note nor a group on one line ("Age" then "- 18-34" or "1. 18-34"): the list's group name. */
function plainHeading(line: string, next: string): string | undefined {
  if (!LIST_ITEM.test(next) || /^\s/.test(line) || CONTENT.test(line) || /^\s*[#|]/.test(line)) return undefined;
  // Not `/\s*:$/`: on a long run of spaces that pattern backtracks from every one of them.
  const trimmed = line.trim();
  const name = trimmed.endsWith(':') ? trimmed.slice(0, -1).trimEnd() : trimmed;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_PLAIN_HEADING_WORDS || /[.!?;,]$/.test(name) || !/\p{L}/u.test(name) || isNoteHeading(name)) return undefined;
  // "Tier: Basic, Premium" writes a whole group: it is not the name of the list after it.
  return groupsInLine(name) === null ? name : undefined;
}

/** "Group 2: Age **" → "Age" (what `GROUP_LINE_OPEN\s*(.+?)(?:\*\*)?\s*$` captures, in linear time). */
function groupLineHeading(line: string): string | undefined {
  const open = GROUP_LINE_OPEN.exec(line);
  // "Banner: Gender (Men, Women) and Region (North, South)." writes the groups themselves, not a heading.
  if (!open || groupsInLine(line.slice(open[0].length)) !== null) return undefined;
  let start = open[0].length;
  while (start < line.length && WHITESPACE.test(line[start]!)) start++;
  if (start === line.length) return start > open[0].length ? line.slice(-1) : undefined;
  // line[start] is not whitespace, so the capture keeps at least one character.
  let end = line.length;
  while (end > start && WHITESPACE.test(line[end - 1]!)) end--;
  if (end - 2 > start && line.endsWith('**', end)) end -= 2;
  return line.slice(start, end);
}

/**
 * A line that writes whole groups ("Gender: Men, Women") becomes their sections (as lists), wherever it is (not indented
 * under a list item); in a section without list items or table rows, a line listing columns under the section's heading
 * ("## Gender" then "Men, Women") becomes that group's list. A section whose lines all became groups is their title.
 */
function expandGroupLines(section: Draft, ledger: LineLedger): Draft[] {
  const hasContent = section.lines.some((l) => CONTENT.test(l.text));
  const groups: Draft[] = [];
  const rest: PlanLine[] = [];
  const asList = (items: string[], at: number) => items.map((item) => ({ text: `- ${item}`, at }));
  for (const line of section.lines) {
    const candidate = !CONTENT.test(line.text) && !(hasContent && /^\s/.test(line.text));
    const found = candidate ? groupsInLine(line.text) : null;
    const columns = !candidate || found || hasContent || section.heading === null ? null : columnsInLine(line.text, section.heading);
    if (found) for (const g of found) groups.push({ heading: g.heading, headingAt: null, lines: asList(g.items, line.at), level: section.level });
    else if (columns) groups.push({ ...section, lines: asList(columns, line.at) });
    else rest.push(line);
  }
  if (groups.length === 0) return [section];
  if (section.headingAt !== null) ledger.used.add(section.headingAt);
  return [{ ...section, lines: rest }, ...groups];
}
