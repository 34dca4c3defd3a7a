import { TABLE_RULE, tableCells, type LineLedger, type PlanDraft, type PlanLine } from './bannerPlanLines';

const TABLE_LINE = /^\s*\|/;
const GROUP_HEADER = /^(?:banner\s+)?(?:group|banner|category)$/i;

/**
 * Splits the markdown tables of a section whose header has a "Group"/"Banner"/"Category" column into one section per
 * distinct group value, in order; every other line (a list, prose, a table without a group column) stays in the section,
 * which comes first. Tables are runs of "|" lines; a row followed by a rule row starts a new table.
 * Header and rule rows are recorded as used; a row without a group value as left out. Linear in the section's length.
 */
export function splitGroupedTables(draft: PlanDraft, ledger: LineLedger): PlanDraft[] {
  const rest: PlanLine[] = [];
  const byGroup = new Map<string, PlanDraft>();
  const tables = tablesOf(draft.lines);
  let grouped = false;
  let next = 0;
  for (const table of tables) {
    rest.push(...draft.lines.slice(next, table.start));
    next = table.end;
    const rows = draft.lines.slice(table.start, table.end);
    const groupCol = tableCells(rows[0]!.text).findIndex((c) => GROUP_HEADER.test(c));
    if (groupCol === -1) {
      rest.push(...rows);
      continue;
    }
    grouped = true;
    ledger.used.add(rows[0]!.at);
    for (const row of rows.slice(1)) {
      if (TABLE_RULE.test(row.text)) {
        ledger.used.add(row.at);
        continue;
      }
      const cells = tableCells(row.text);
      const group = cells[groupCol] ?? '';
      const others = cells.filter((_, k) => k !== groupCol);
      if (others.every((c) => c === '')) {
        // An empty row writes nothing; a group value alone names no column.
        if (group === '') ledger.used.add(row.at);
        else ledger.unread.set(row.at, 'its row names no column');
        continue;
      }
      if (group === '') {
        ledger.unread.set(row.at, `its row names no group in the "${tableCells(rows[0]!.text)[groupCol]}" column`);
        continue;
      }
      let section = byGroup.get(group);
      if (!section) {
        section = { heading: group, headingAt: null, lines: [], level: draft.level };
        byGroup.set(group, section);
      }
      section.lines.push({ text: `| ${others.join(' | ')} |`, at: row.at });
    }
  }
  if (!grouped) return [draft];
  rest.push(...draft.lines.slice(next));
  // The heading over a table of groups is the table's title.
  if (draft.headingAt !== null) ledger.used.add(draft.headingAt);
  return [{ ...draft, lines: rest, introducesTable: true }, ...byGroup.values()];
}

/** The tables of a run of lines, as [start, end) index ranges: each maximal run of "|" lines, cut where a row is followed by a rule. */
function tablesOf(lines: readonly PlanLine[]): Array<{ start: number; end: number }> {
  const tables: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < lines.length) {
    if (!TABLE_LINE.test(lines[i]!.text)) {
      i++;
      continue;
    }
    let end = i + 1;
    // A row followed by a rule is the header of the next table.
    while (end < lines.length && TABLE_LINE.test(lines[end]!.text) && !(end + 1 < lines.length && isRuleAfterRow(lines, end))) end++;
    tables.push({ start: i, end });
    i = end;
  }
  return tables;
}

/** True when line `k` is a table row (not a rule) directly followed by a rule row. */
function isRuleAfterRow(lines: readonly PlanLine[], k: number): boolean {
  return !TABLE_RULE.test(lines[k]!.text) && TABLE_LINE.test(lines[k + 1]!.text) && TABLE_RULE.test(lines[k + 1]!.text);
}
