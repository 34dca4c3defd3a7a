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

/**
 * Splits a banner plan into group sections: markdown headings ("## Gender"), "Group: X" / "Table 2: X" lines,
 * bold lines, or numbered items followed by a bullet list; a markdown table with a "Group" column is split by that column.
 * Sections without list items or table rows (titles, notes) are dropped, unless the plan has no lists at all.
 * Linear in the plan's length.
 */
export function splitBannerPlan(planText: string): PlanSection[] {
  const lines = splitLines(planText);
  const nextContent = nextContentLines(lines);
  const sections: Array<{ heading: string | null; lines: string[] }> = [{ heading: null, lines: [] }];

  lines.forEach((line, i) => {
    const heading =
      markdownHeading(line) ??
      groupLineHeading(line) ??
      BOLD_LINE.exec(line)?.[1] ??
      (NUMBERED.test(line) && BULLET.test(nextContent[i]!) && !/^\s/.test(line) ? NUMBERED.exec(line)?.[1] : undefined);
    if (heading !== undefined) sections.push({ heading: heading.replace(/\*\*/g, '').trim(), lines: [] });
    else sections[sections.length - 1]!.lines.push(line);
  });

  const expanded = sections.flatMap((s) => splitGroupedTable(s.heading, s.lines));
  const withContent = expanded.filter((s) => s.lines.some((l) => CONTENT.test(l)));
  const chosen = withContent.length > 0 ? withContent : expanded.filter((s) => s.heading !== null && s.lines.some((l) => l.trim() !== ''));
  return chosen.map((s) => ({ heading: s.heading, text: s.lines.join('\n').trim() }));
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

/** "Group 2: Age **" → "Age" (what `GROUP_LINE_OPEN\s*(.+?)(?:\*\*)?\s*$` captures, in linear time). */
function groupLineHeading(line: string): string | undefined {
  const open = GROUP_LINE_OPEN.exec(line);
  if (!open) return undefined;
  let start = open[0].length;
  while (start < line.length && WHITESPACE.test(line[start]!)) start++;
  if (start === line.length) return start > open[0].length ? line.slice(-1) : undefined;
  // line[start] is not whitespace, so the capture keeps at least one character.
  let end = line.length;
  while (end > start && WHITESPACE.test(line[end - 1]!)) end--;
  if (end - 2 > start && line.endsWith('**', end)) end -= 2;
  return line.slice(start, end);
}

/** A markdown table whose header has a "Group"/"Banner" column becomes one section per distinct group value. */
function splitGroupedTable(heading: string | null, lines: string[]): Array<{ heading: string | null; lines: string[] }> {
  const tableLines = lines.filter((l) => /^\s*\|/.test(l));
  const header = tableLines[0];
  if (!header) return [{ heading, lines }];
  const cells = splitRow(header);
  const groupCol = cells.findIndex((c) => /^(banner\s+)?(group|banner|category)$/i.test(c));
  if (groupCol === -1) return [{ heading, lines }];
  const byGroup = new Map<string, { heading: string | null; lines: string[] }>();
  for (const row of tableLines.slice(1)) {
    if (TABLE_RULE.test(row)) continue;
    const rowCells = splitRow(row);
    const group = rowCells[groupCol]?.trim();
    const rest = rowCells.filter((_, k) => k !== groupCol);
    if (!group) continue;
    let section = byGroup.get(group);
    if (!section) {
      section = { heading: group, lines: [] };
      byGroup.set(group, section);
    }
    section.lines.push(`| ${rest.join(' | ')} |`);
  }
  return [...byGroup.values()];
}

function splitRow(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}
