import { isTableHeader, LIST_ITEM, readsAsNote, TABLE_ROW, TABLE_RULE, tableCells, unreadLineWarning, type LineWarning } from './bannerPlanLines';
import type { NumberedPlanSection } from './bannerPlanSections';
import { splitLines } from './splitLines';

/** What the model read from one section: the group's label and its columns with the plan's words as `source`. */
interface ReadGroup {
  label: string;
  columns: ReadonlyArray<{ label: string; source: string }>;
}

/** Lower-case words and numbers only: "Top box (10)" → "top box 10". */
function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * One warning per line of a section that writes a column but that no column read from the section comes from: a list
 * item or table row (not a header) whose words (a row's first cell) are in no column's source or label, or a prose line
 * that is neither in one, nor the group's name, nor a note. The model is asked to copy each column's description
 * verbatim, so a column it read holds the line's words; a line whose words it holds nowhere was not read.
 */
export function linesWithoutColumn(section: NumberedPlanSection, read: ReadGroup): LineWarning[] {
  // One text of every source's words, each between spaces, so one search finds a line's words in any of them.
  const sources = read.columns.flatMap((c) => [` ${words(c.source)} `, ` ${words(c.label)} `]).join('\n');
  const holds = (text: string) => {
    const w = words(text);
    return w !== '' && sources.includes(` ${w} `);
  };
  const lines = splitLines(section.text);
  const warnings: LineWarning[] = [];
  const why = `no column of group "${read.label}" was read from it`;
  lines.forEach((line, k) => {
    if (line.trim() === '') return;
    const at = (section.lineNumbers[k] ?? 0) - 1;
    if (TABLE_ROW.test(line)) {
      if (TABLE_RULE.test(line) || isTableHeader(lines, k)) return;
      const first = tableCells(line).find((c) => words(c) !== '');
      if (first !== undefined && !holds(first)) warnings.push(unreadLineWarning({ text: line, at }, why));
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      if (words(item[1]!) !== '' && !holds(item[1]!)) warnings.push(unreadLineWarning({ text: line, at }, why));
      return;
    }
    const isGroupName = words(line) === words(read.label) || words(line) === words(section.heading ?? '');
    if (!holds(line) && !isGroupName && !readsAsNote(line)) warnings.push(unreadLineWarning({ text: line, at }, why));
  });
  return warnings;
}
