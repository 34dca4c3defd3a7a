import { columnsInLine, groupsInLine, isNoteHeading } from './bannerGroupLines';
import { splitLines } from './splitLines';

/** One group section of a banner plan: its heading (null when the plan has none) and its body text. */
export interface PlanSection {
  heading: string | null;
  text: string;
}

// Every pattern is anchored and free of nested or adjacent quantifiers over the same characters, so it runs in time
// linear in the line, whatever the line holds; captures that would need a lazy group are cut out by hand.
const MD_HEADING_OPEN = /^\s*#{1,6}\s/;
const GROUP_LINE_OPEN = /^\s*(?:\*\*)?(?:banner\s+)?(?:group|table|banner)\s*(?:\d+\s*)?[:.\-–—)]/i;
const BOLD_LINE = /^\s*\*\*([^*]+?)\*\*\s*(?::\s*)?$/;
const NUMBERED = /^\s*\d+[.)]\s+(.+)$/;
const BULLET = /^\s*[-*+•]\s+/;
const CONTENT = /^\s*(?:[-*+•]|\d+[.)]|[a-z][.)])\s+|^\s*\|/i;
const TABLE_RULE = /^\s*(?:\|\s*)?:?-{2,}/;
const WHITESPACE = /\s/;
/** Longest line (in words) read as the name of the bullet list under it. */
const MAX_PLAIN_HEADING_WORDS = 5;

/**
 * Splits a banner plan into group sections: markdown headings ("## Gender"), "Group: X" / "Table 2: X" lines,
 * bold lines, or numbered items or short lines of words followed by a bullet list; a markdown table with a "Group" column is split by that column;
 * in a section without lists, a line per group ("Gender: Men, Women") or a sentence naming groups with their columns in
 * parentheses ("Columns: Gender (Men, Women) and Region (North, South).") becomes one section per group.
 * Sections without list items or table rows are dropped when they are titles or notes (a note-like heading, or another
 * heading level than the plan's groups), kept as groups written in prose otherwise; all are kept when the plan has no lists.
 * Linear in the plan's length.
 */
export function splitBannerPlan(planText: string): PlanSection[] {
  const lines = splitLines(planText);
  const nextContent = nextContentLines(lines);
  const sections: Draft[] = [{ heading: null, lines: [], level: 0 }];

  lines.forEach((line, i) => {
    const markdown = markdownHeading(line);
    const heading =
      markdown ??
      groupLineHeading(line) ??
      BOLD_LINE.exec(line)?.[1] ??
      (NUMBERED.test(line) && BULLET.test(nextContent[i]!) && !/^\s/.test(line) ? NUMBERED.exec(line)?.[1] : undefined) ??
      plainHeading(line, nextContent[i]!);
    if (heading !== undefined)
      sections.push({ heading: heading.replace(/\*\*/g, '').trim(), lines: [], level: markdown === undefined ? 0 : headingLevel(line) });
    else sections[sections.length - 1]!.lines.push(line);
  });

  const expanded = sections.flatMap(splitGroupedTable).flatMap(expandGroupLines);
  const hasContent = (s: Draft) => s.lines.some((l) => CONTENT.test(l));
  const withContent = expanded.filter(hasContent);
  if (withContent.length === 0) {
    return expanded.filter((s) => s.heading !== null && s.lines.some((l) => l.trim() !== '')).map(toSection);
  }
  // A group written in prose among groups written as lists (same heading level, not a note) is kept, for the agents to
  // map or report: a group the plan asks for is never dropped without a word.
  const levels = new Set(withContent.map((s) => s.level));
  const isProseGroup = (s: Draft) => s.heading !== null && levels.has(s.level) && !isNoteHeading(s.heading) && s.lines.some((l) => l.trim() !== '');
  return expanded.filter((s) => hasContent(s) || isProseGroup(s)).map(toSection);
}

/** A section being read: its heading, its lines and its heading's level (markdown "#" count; 0 for other headings). */
interface Draft {
  heading: string | null;
  lines: string[];
  level: number;
}

function toSection(s: Draft): PlanSection {
  return { heading: s.heading, text: s.lines.join('\n').trim() };
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

/** A short line of words before a bullet list, not a note ("Age" then "- 18-34"): the list's group name. */
function plainHeading(line: string, next: string): string | undefined {
  if (!BULLET.test(next) || /^\s/.test(line) || CONTENT.test(line) || /^\s*[#|]/.test(line)) return undefined;
  // Not `/\s*:$/`: on a long run of spaces that pattern backtracks from every one of them.
  const trimmed = line.trim();
  const name = trimmed.endsWith(':') ? trimmed.slice(0, -1).trimEnd() : trimmed;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_PLAIN_HEADING_WORDS || /[.!?;,]$/.test(name) || !/\p{L}/u.test(name) || isNoteHeading(name)) return undefined;
  return name;
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
 * A section without list items or table rows: each line that writes whole groups becomes their sections (as lists), and
 * a line listing columns under the section's heading ("## Gender" then "Men, Women") becomes that group's list.
 */
function expandGroupLines(section: Draft): Draft[] {
  if (section.lines.some((l) => CONTENT.test(l))) return [section];
  const groups: Draft[] = [];
  const rest: string[] = [];
  for (const line of section.lines) {
    const found = groupsInLine(line);
    const columns = found || section.heading === null ? null : columnsInLine(line, section.heading);
    if (found) for (const g of found) groups.push({ heading: g.heading, lines: g.items.map((item) => `- ${item}`), level: section.level });
    else if (columns) groups.push({ heading: section.heading, lines: columns.map((item) => `- ${item}`), level: section.level });
    else rest.push(line);
  }
  return groups.length === 0 ? [section] : [{ ...section, lines: rest }, ...groups];
}

/** A markdown table whose header has a "Group"/"Banner" column becomes one section per distinct group value. */
function splitGroupedTable(draft: Draft): Draft[] {
  const tableLines = draft.lines.filter((l) => /^\s*\|/.test(l));
  const header = tableLines[0];
  if (!header) return [draft];
  const cells = splitRow(header);
  const groupCol = cells.findIndex((c) => /^(banner\s+)?(group|banner|category)$/i.test(c));
  if (groupCol === -1) return [draft];
  const byGroup = new Map<string, Draft>();
  for (const row of tableLines.slice(1)) {
    if (TABLE_RULE.test(row)) continue;
    const rowCells = splitRow(row);
    const group = rowCells[groupCol]?.trim();
    const rest = rowCells.filter((_, k) => k !== groupCol);
    if (!group) continue;
    let section = byGroup.get(group);
    if (!section) {
      section = { heading: group, lines: [], level: draft.level };
      byGroup.set(group, section);
    }
    section.lines.push(`| ${rest.join(' | ')} |`);
  }
  return [...byGroup.values()];
}

function splitRow(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}
