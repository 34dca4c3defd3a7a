import { bannerAgentInputSchema, type BannerAgentOutput } from '@/agents/contracts/bannerAgentContract';
import { isTableHeader, LIST_ITEM, TABLE_ROW, TABLE_RULE, tableCells } from '@/agents/bannerPlanLines';
import { splitLines } from '@/agents/splitLines';

/**
 * Local rules for BannerAgent: the group label from the heading, one column per list item or table row of the section
 * (a table's header row, the row above its rule, is none). An indented line under a list item continues that item.
 */
export function solveBanner(raw: unknown): BannerAgentOutput {
  const input = bannerAgentInputSchema.parse(raw);
  const raws = splitLines(input.text).filter((l) => l.trim() !== '');
  const lines = raws.map((l) => l.trim());
  const hasListItems = lines.some((l) => LIST_ITEM.test(l) || TABLE_ROW.test(l));
  const columns: BannerAgentOutput['columns'] = [];
  let label = input.heading ? cleanHeading(input.heading) : '';
  let lastItem: BannerAgentOutput['columns'][number] | null = null;

  for (const [i, line] of lines.entries()) {
    const item = LIST_ITEM.exec(line);
    if (item) {
      const source = stripMarkup(item[1]!);
      lastItem = source ? { label: columnLabel(source), source } : null;
      if (lastItem) columns.push(lastItem);
      continue;
    }
    if (lastItem && /^\s/.test(raws[i]!) && !TABLE_ROW.test(line)) {
      // The item's words name the column; what continues it adds to its description only.
      lastItem.source = `${lastItem.source} ${stripMarkup(line)}`;
      continue;
    }
    lastItem = null;
    if (TABLE_ROW.test(line)) {
      if (TABLE_RULE.test(line) || isTableHeader(lines, i)) continue;
      const [first, ...rest] = tableCells(line)
        .map(stripMarkup)
        .filter((c) => c !== '');
      if (!first) continue;
      const definition = rest.join(' ').trim();
      columns.push({ label: columnLabel(first), source: definition ? `${first}: ${definition}` : first });
      continue;
    }
    if (!label && i === 0) {
      label = cleanHeading(line);
      continue;
    }
    // Prose lines (notes, instructions) are columns only when the section has no list at all.
    if (!hasListItems && !/^(note|notes|n\.b\.)\b/i.test(line)) {
      const source = stripMarkup(line);
      columns.push({ label: columnLabel(source), source });
    }
  }
  if (!label) label = columns.length > 0 ? 'Banner group' : 'Untitled group';
  return { label, columns };
}

function stripMarkup(s: string): string {
  return s
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Group 2: Age" / "Table 1 – Region" / "## Gender" → the group name. */
function cleanHeading(s: string): string {
  return stripMarkup(s.replace(/^#+\s*/, ''))
    .replace(/^(?:banner\s+)?(?:group|table|banner|section)\s*(?:\d+\s*)?[:.\-–—)]\s*/i, '')
    .replace(/^\d+\s*[.):\-–—]\s*/, '')
    .replace(/[:.]\s*$/, '')
    .trim();
}

/** "Male (S1 = 1)" → "Male"; "Female: S1=2" → "Female"; "Aged 18 to 34" stays whole. */
function columnLabel(source: string): string {
  const paren = /^(.+?)\s*[([]([^()[\]]*)[)\]]\s*$/.exec(source);
  if (paren && paren[1]!.trim()) return paren[1]!.trim();
  const colon = /^([^:=]+?)\s*:\s*(.+)$/.exec(source);
  if (colon) return colon[1]!.trim();
  const dash = /^(.+?)\s+[-–—]\s+(.+)$/.exec(source);
  if (dash && /[=<>]|\b[A-Z]+\d|\bin\b/.test(dash[2]!)) return dash[1]!.trim();
  return source;
}
