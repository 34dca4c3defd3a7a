/** One group section of a banner plan: its heading (null when the plan has none) and its body text. */
export interface PlanSection {
  heading: string | null;
  text: string;
}

const MD_HEADING = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/;
const GROUP_LINE = /^\s*(?:\*\*)?(?:banner\s+)?(?:group|table|banner)\s*\d*\s*[:.\-–—)]\s*(.+?)(?:\*\*)?\s*$/i;
const BOLD_LINE = /^\s*\*\*([^*]+?)\*\*\s*:?\s*$/;
const NUMBERED = /^\s*\d+[.)]\s+(.+)$/;
const BULLET = /^\s*[-*+•]\s+/;
const CONTENT = /^\s*(?:[-*+•]|\d+[.)]|[a-z][.)])\s+|^\s*\|/i;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}/;

/**
 * Splits a banner plan into group sections: markdown headings ("## Gender"), "Group: X" / "Table 2: X" lines,
 * bold lines, or numbered items followed by a bullet list; a markdown table with a "Group" column is split by that column.
 * Sections without list items or table rows (titles, notes) are dropped, unless the plan has no lists at all.
 */
export function splitBannerPlan(planText: string): PlanSection[] {
  const lines = planText.split(/\r?\n/);
  const sections: Array<{ heading: string | null; lines: string[] }> = [{ heading: null, lines: [] }];
  const nextContentLine = (i: number) => lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';

  lines.forEach((line, i) => {
    const heading =
      MD_HEADING.exec(line)?.[1] ??
      GROUP_LINE.exec(line)?.[1] ??
      BOLD_LINE.exec(line)?.[1] ??
      (NUMBERED.test(line) && BULLET.test(nextContentLine(i)) && !/^\s+/.test(line) ? NUMBERED.exec(line)?.[1] : undefined);
    if (heading !== undefined) sections.push({ heading: heading.replace(/\*\*/g, '').trim(), lines: [] });
    else sections[sections.length - 1]!.lines.push(line);
  });

  const expanded = sections.flatMap((s) => splitGroupedTable(s.heading, s.lines));
  const withContent = expanded.filter((s) => s.lines.some((l) => CONTENT.test(l)));
  const chosen = withContent.length > 0 ? withContent : expanded.filter((s) => s.heading !== null && s.lines.some((l) => l.trim() !== ''));
  return chosen.map((s) => ({ heading: s.heading, text: s.lines.join('\n').trim() }));
}

/** A markdown table whose header has a "Group"/"Banner" column becomes one section per distinct group value. */
function splitGroupedTable(heading: string | null, lines: string[]): Array<{ heading: string | null; lines: string[] }> {
  const tableLines = lines.filter((l) => /^\s*\|/.test(l));
  const header = tableLines[0];
  if (!header) return [{ heading, lines }];
  const cells = splitRow(header);
  const groupCol = cells.findIndex((c) => /^(banner\s+)?(group|banner|category)$/i.test(c));
  if (groupCol === -1) return [{ heading, lines }];
  const out: Array<{ heading: string | null; lines: string[] }> = [];
  for (const row of tableLines.slice(1)) {
    if (TABLE_RULE.test(row)) continue;
    const rowCells = splitRow(row);
    const group = rowCells[groupCol]?.trim();
    const rest = rowCells.filter((_, k) => k !== groupCol);
    if (!group) continue;
    let section = out.find((s) => s.heading === group);
    if (!section) {
      section = { heading: group, lines: [] };
      out.push(section);
    }
    section.lines.push(`| ${rest.join(' | ')} |`);
  }
  return out;
}

function splitRow(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}
