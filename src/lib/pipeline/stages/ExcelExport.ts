import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { writeAtomically } from '@/lib/fs/writeFileAtomic';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { CrosstabTable } from '@/lib/core/types';
import { maxOf } from '@/lib/core/maxOf';

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
/** Rows above the first table link on the Contents sheet (run facts, a blank row, the header). */
const CONTENTS_HEADER_ROWS = 6;

/**
 * Write the crosstab workbook (a "Contents" sheet with links, a "Tables" sheet with one block per table). Low-value tables
 * come last. The workbook is streamed to disk block by block; with a `clock`, pauses between table blocks and stops
 * (nothing written) when the run is cancelled.
 */
export async function writeWorkbook(tables: CrosstabTable[], filePath: string, meta: ExportMeta, clock?: CooperativeClock): Promise<void> {
  const ordered = exportOrder(tables);
  await writeAtomically(filePath, (tmp) => streamWorkbook(tmp, ordered, meta, clock));
}

async function streamWorkbook(tmpPath: string, ordered: CrosstabTable[], meta: ExportMeta, clock?: CooperativeClock): Promise<void> {
  const output = createWriteStream(tmpPath);
  // exceljs only listens for stream errors once it finalises; without this an early failure (disk full) would crash the process.
  const failed = new Promise<never>((_, reject) => output.on('error', reject));
  failed.catch(() => undefined);
  try {
    // Loaded when a workbook is written (a run that fails earlier, or a web server at start-up, never pays for it).
    const excel = await (clock ? clock.until(import('exceljs')) : import('exceljs'));
    const Excel = ((excel as { default?: typeof ExcelJS }).default ?? excel) as typeof ExcelJS;
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    workbook.creator = 'CrossTab';
    workbook.created = new Date(meta.generatedAt);

    // The Contents sheet is written first, so each table's start row comes from the block heights, not from writing it.
    const starts: number[] = [];
    let next = 1;
    for (const table of ordered) {
      starts.push(next);
      next += blockHeight(table, meta.weighted);
    }
    const contents = workbook.addWorksheet('Contents', { views: [{ state: 'frozen', ySplit: CONTENTS_HEADER_ROWS }] });
    await writeContents(contents, ordered, starts, meta, clock);

    const sheet = workbook.addWorksheet(TABLES_SHEET, { views: [{ state: 'frozen', xSplit: 1 }] });
    const widest = maxOf(
      ordered.map((t) => t.columns.length),
      1,
    );
    sheet.getColumn(1).width = Math.min(
      LABEL_WIDTH_MAX,
      maxOf(
        labelsOf(ordered).map((l) => l.length + 2),
        20,
      ),
    );
    for (let c = 2; c <= widest + 1; c++) sheet.getColumn(c).width = DATA_WIDTH;
    for (const [i, table] of ordered.entries()) {
      await clock?.checkpoint();
      const start = writeTableBlock(sheet, table, meta.weighted);
      if (start !== starts[i]) throw new Error(`Table ${table.tableId} starts at row ${start}, its contents link points at row ${starts[i]}`);
    }
    sheet.commit();
    await clock?.checkpoint();
    await Promise.race([workbook.commit(), failed]);
    if (!output.closed) await Promise.race([once(output, 'close'), failed]);
  } catch (err) {
    // exceljs may still write into the destroyed stream; those errors land in `failed`, never replace `err`.
    const closed = output.closed ? Promise.resolve() : new Promise<void>((resolve) => output.once('close', () => resolve()));
    output.destroy();
    await closed;
    throw err;
  }
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

async function writeContents(sheet: ExcelJS.Worksheet, tables: CrosstabTable[], starts: number[], meta: ExportMeta, clock?: CooperativeClock): Promise<void> {
  // Streamed column widths are written with the first row, so they are set before any row is added.
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = Math.min(
    80,
    maxOf(
      tables.map((t) => t.title.length + 2),
      20,
    ),
  );
  sheet.getColumn(3).width = 40;
  sheet.addRow(['Dataset', meta.dataset]);
  sheet.addRow(['Run', meta.runId]);
  sheet.addRow(['Weighted', meta.weighted ? 'Yes' : 'No']);
  sheet.addRow(['Generated', meta.generatedAt]);
  sheet.addRow([]);
  const header = sheet.addRow(['#', 'Table', 'Base']);
  header.font = { bold: true };
  const links = new Map<string, string>();
  for (const [i, table] of tables.entries()) {
    await clock?.checkpoint();
    const row = sheet.addRow([i + 1, '', table.baseLabel]);
    const link = row.getCell(2);
    link.value = { text: table.title, hyperlink: `#'${TABLES_SHEET}'!A${starts[i]}` };
    link.font = { color: { argb: 'FF0563C1' }, underline: true };
    links.set(link.address, `#'${TABLES_SHEET}'!A${starts[i]}`);
    if (table.lowValue) row.getCell(3).value = `${table.baseLabel} (low value)`;
    row.commit();
  }
  keepLinkLocations(sheet, links);
  sheet.commit();
}

/**
 * The streaming writer records a hyperlink only as a relationship target, while the in-memory writer also sets its
 * `location`, which is what Excel on Windows follows for a link inside the workbook (exceljs#749). Restore it.
 */
function keepLinkLocations(sheet: ExcelJS.Worksheet, links: Map<string, string>): void {
  const written = (sheet as unknown as { _sheetRelsWriter?: { _hyperlinks?: Array<{ address: string; target?: string }> } })._sheetRelsWriter?._hyperlinks;
  if (!Array.isArray(written) || written.length !== links.size) throw new Error('exceljs no longer exposes the streamed hyperlinks of a worksheet');
  for (const hyperlink of written) hyperlink.target = links.get(hyperlink.address);
}

/** Number of sheet rows writeTableBlock uses for a table, including the blank row after it. */
function blockHeight(table: CrosstabTable, weighted: boolean): number {
  const perRow = hasSignificance(table) ? 3 : 2;
  return 5 + (weighted ? 2 : 1) + table.rows.length * perRow + (table.stats ?? []).length + (table.notes ?? []).length + 1;
}

function hasSignificance(table: CrosstabTable): boolean {
  return table.rows.some((r) => r.cells.some((c) => c.sig !== undefined));
}

/** Append one table block to the sheet and commit its rows; returns the row number of its title (the hyperlink target). */
function writeTableBlock(sheet: ExcelJS.Worksheet, table: CrosstabTable, weighted: boolean): number {
  const titleRow = sheet.addRow([table.title]);
  titleRow.font = { bold: true, size: 12 };
  sheet.addRow([table.baseLabel]).font = { italic: true };

  const groupRow = sheet.addRow([null, ...table.columns.map((c) => c.group)]);
  groupRow.font = { bold: true };
  mergeGroups(
    sheet,
    groupRow.number,
    table.columns.map((c) => c.group),
  );
  sheet.addRow([null, ...table.columns.map((c) => c.label)]).font = { bold: true };
  sheet.addRow([null, ...table.columns.map((c) => (c.letter ? `(${c.letter})` : null))]).font = { italic: true };

  if (weighted) {
    numberRow(sheet, 'Base (weighted)', table.bases, FORMAT.count).font = { bold: true };
    numberRow(sheet, 'Base (unweighted)', table.unweightedBases, FORMAT.count);
  } else {
    numberRow(sheet, 'Base', table.unweightedBases, FORMAT.count).font = { bold: true };
  }

  const hasSig = hasSignificance(table);
  for (const row of table.rows) {
    const label = row.isNet ? `NET: ${row.label}` : row.label;
    const counts = numberRow(
      sheet,
      label,
      row.cells.map((c) => c.count),
      FORMAT.count,
    );
    if (row.isNet) counts.font = { bold: true };
    numberRow(
      sheet,
      null,
      row.cells.map((c) => (c.percent === null ? null : c.percent / 100)),
      FORMAT.percent,
    );
    if (hasSig) {
      const sigRow = sheet.addRow([null, ...row.cells.map((c) => (c.sig ?? []).join('') || null)]);
      sigRow.font = { color: { argb: 'FF1F4E79' }, size: 9 };
    }
  }
  for (const stat of table.stats ?? []) numberRow(sheet, stat.label, stat.values, FORMAT.stat);
  for (const note of table.notes ?? []) sheet.addRow([`Note: ${note}`]).font = { italic: true, size: 9 };
  sheet.addRow([]).commit();
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
