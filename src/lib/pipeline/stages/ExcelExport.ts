import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { writeAtomically } from '@/lib/fs/writeFileAtomic';
import type { CooperativeClock } from '@/lib/pipeline/cooperative';
import type { CrosstabTable } from '@/lib/pipeline/types';

/** Facts about the run printed in the exported files. */
export interface ExportMeta {
  dataset: string;
  runId: string;
  weighted: boolean;
  generatedAt: string;
}

const TABLES_SHEET = 'Tables';
const LABEL_WIDTH_MAX = 60;
const DATA_WIDTH = 12;
const FORMAT = { count: '#,##0', percent: '0%', stat: '0.00' } as const;

/**
 * Write the crosstab workbook (a "Contents" sheet with links, a "Tables" sheet with one block per table). Low-value tables
 * come last. With a `clock`, pauses between table blocks and stops (nothing written) when the run is cancelled.
 */
export async function writeWorkbook(tables: CrosstabTable[], filePath: string, meta: ExportMeta, clock?: CooperativeClock): Promise<void> {
  const ordered = exportOrder(tables);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CrossTab';
  workbook.created = new Date(meta.generatedAt);
  const contents = workbook.addWorksheet('Contents', { views: [{ state: 'frozen', ySplit: 6 }] });
  const sheet = workbook.addWorksheet(TABLES_SHEET, { views: [{ state: 'frozen', xSplit: 1 }] });

  const starts: number[] = [];
  for (const table of ordered) {
    await clock?.checkpoint();
    starts.push(writeTableBlock(sheet, table, meta.weighted));
  }
  await clock?.checkpoint();
  writeContents(contents, ordered, starts, meta);

  const widest = Math.max(...ordered.map((t) => t.columns.length), 1);
  sheet.getColumn(1).width = Math.min(LABEL_WIDTH_MAX, Math.max(20, ...labelsOf(ordered).map((l) => l.length + 2)));
  for (let c = 2; c <= widest + 1; c++) sheet.getColumn(c).width = DATA_WIDTH;

  await writeAtomically(filePath, (tmp) => workbook.xlsx.writeFile(tmp));
}

/** Write every computed table as JSON ({ meta, tables }), in export order. */
export async function writeTablesJson(tables: CrosstabTable[], filePath: string, meta: ExportMeta): Promise<void> {
  const body = `${JSON.stringify({ meta, tables: exportOrder(tables) }, null, 2)}\n`;
  await writeAtomically(filePath, (tmp) => writeFile(tmp, body, 'utf8'));
}

function exportOrder(tables: CrosstabTable[]): CrosstabTable[] {
  return [...tables.filter((t) => !t.lowValue), ...tables.filter((t) => t.lowValue)];
}

function labelsOf(tables: CrosstabTable[]): string[] {
  return tables.flatMap((t) => [...t.rows.map((r) => r.label), ...(t.stats ?? []).map((s) => s.label)]);
}

function writeContents(sheet: ExcelJS.Worksheet, tables: CrosstabTable[], starts: number[], meta: ExportMeta): void {
  sheet.addRow(['Dataset', meta.dataset]);
  sheet.addRow(['Run', meta.runId]);
  sheet.addRow(['Weighted', meta.weighted ? 'Yes' : 'No']);
  sheet.addRow(['Generated', meta.generatedAt]);
  sheet.addRow([]);
  const header = sheet.addRow(['#', 'Table', 'Base']);
  header.font = { bold: true };
  tables.forEach((table, i) => {
    const row = sheet.addRow([i + 1, '', table.baseLabel]);
    row.getCell(2).value = { text: table.title, hyperlink: `#'${TABLES_SHEET}'!A${starts[i]}` };
    row.getCell(2).font = { color: { argb: 'FF0563C1' }, underline: true };
    if (table.lowValue) row.getCell(3).value = `${table.baseLabel} (low value)`;
  });
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = Math.min(80, Math.max(20, ...tables.map((t) => t.title.length + 2)));
  sheet.getColumn(3).width = 40;
}

/** Append one table block to the sheet; returns the row number of its title (the hyperlink target). */
function writeTableBlock(sheet: ExcelJS.Worksheet, table: CrosstabTable, weighted: boolean): number {
  const titleRow = sheet.addRow([table.title]);
  titleRow.font = { bold: true, size: 12 };
  sheet.addRow([table.baseLabel]).font = { italic: true };

  const groupRow = sheet.addRow([null, ...table.columns.map((c) => c.group)]);
  groupRow.font = { bold: true };
  mergeGroups(sheet, groupRow.number, table.columns.map((c) => c.group));
  sheet.addRow([null, ...table.columns.map((c) => c.label)]).font = { bold: true };
  sheet.addRow([null, ...table.columns.map((c) => (c.letter ? `(${c.letter})` : null))]).font = { italic: true };

  if (weighted) {
    numberRow(sheet, 'Base (weighted)', table.bases, FORMAT.count).font = { bold: true };
    numberRow(sheet, 'Base (unweighted)', table.unweightedBases, FORMAT.count);
  } else {
    numberRow(sheet, 'Base', table.unweightedBases, FORMAT.count).font = { bold: true };
  }

  const hasSig = table.rows.some((r) => r.cells.some((c) => c.sig !== undefined));
  for (const row of table.rows) {
    const label = row.isNet ? `NET: ${row.label}` : row.label;
    const counts = numberRow(sheet, label, row.cells.map((c) => c.count), FORMAT.count);
    if (row.isNet) counts.font = { bold: true };
    numberRow(sheet, null, row.cells.map((c) => (c.percent === null ? null : c.percent / 100)), FORMAT.percent);
    if (hasSig) {
      const sigRow = sheet.addRow([null, ...row.cells.map((c) => (c.sig ?? []).join('') || null)]);
      sigRow.font = { color: { argb: 'FF1F4E79' }, size: 9 };
    }
  }
  for (const stat of table.stats ?? []) numberRow(sheet, stat.label, stat.values, FORMAT.stat);
  sheet.addRow([]);
  return titleRow.number;
}

function numberRow(sheet: ExcelJS.Worksheet, label: string | null, values: Array<number | null>, numFmt: string): ExcelJS.Row {
  const row = sheet.addRow([label, ...values]);
  values.forEach((_, i) => {
    row.getCell(i + 2).numFmt = numFmt;
  });
  return row;
}

/** Merge the banner-group header cells over each run of consecutive columns of the same group. */
function mergeGroups(sheet: ExcelJS.Worksheet, rowNumber: number, groups: string[]): void {
  let start = 0;
  for (let i = 1; i <= groups.length; i++) {
    if (i === groups.length || groups[i] !== groups[start]) {
      if (i - start > 1) sheet.mergeCells(rowNumber, start + 2, rowNumber, i + 1);
      sheet.getCell(rowNumber, start + 2).alignment = { horizontal: 'center' };
      start = i;
    }
  }
}
