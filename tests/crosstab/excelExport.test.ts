import { readdirSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import { CooperativeClock } from '@/lib/core/cooperative';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { writeTablesJson, writeWorkbook } from '@/lib/pipeline/stages/ExcelExport';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { CrosstabTable } from '@/lib/core/types';
import { changes } from '../support/deadline';
import { HAND_BANNER, handDataMap, handDataset } from './handFixture';

const META = { dataset: 'hand', runId: 'run-1', weighted: true, generatedAt: '2026-01-02T03:04:05.000Z' };

function tables(): CrosstabTable[] {
  const computed = computeCrosstabs(generateTables(handDataMap(), handDataset()), HAND_BANNER, handDataset(), {
    weightVariable: 'W',
    significance: true,
  });
  // Mark Q1 low-value: it must be exported after the others.
  return computed.map((t) => (t.tableId === 't_Q1' ? { ...t, lowValue: true } : t));
}

describe('writeWorkbook', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'crosstab-xlsx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a workbook with a linked contents sheet and one block per table', async () => {
    const file = path.join(dir, 'crosstabs.xlsx');
    await writeWorkbook(tables(), file, META);
    expect(await readdir(dir)).toEqual(['crosstabs.xlsx']);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Contents', 'Tables']);

    const contents = workbook.getWorksheet('Contents') as ExcelJS.Worksheet;
    expect(contents.getCell('B1').value).toBe('hand');
    expect(contents.getCell('B2').value).toBe('run-1');
    const firstLink = contents.getCell('B7').value as ExcelJS.CellHyperlinkValue;
    expect(firstLink.text).toBe('Q2: Which bikes do you ride?');
    const lastLink = contents.getCell('B9').value as ExcelJS.CellHyperlinkValue;
    expect(lastLink.text).toBe('Q1: Do you own a bike?');

    const sheet = workbook.getWorksheet('Tables') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1 });
    expect(contents.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect([1, 3].map((c) => contents.getColumn(c).width)).toEqual([6, 40]);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
    expect(sheet.getColumn(2).width).toBe(12);
    // Every contents link lands on its own table's title row.
    for (const address of ['B7', 'B8', 'B9']) {
      const link = contents.getCell(address).value as ExcelJS.CellHyperlinkValue;
      expect(sheet.getCell(`A${/A(\d+)$/.exec(link.hyperlink)?.[1]}`).value).toBe(link.text);
    }
    const target = Number(/A(\d+)$/.exec(firstLink.hyperlink)?.[1]);
    expect(sheet.getCell(`A${target}`).value).toBe('Q2: Which bikes do you ride?');

    // Block layout for Q2 (first table): title, base label, group row, labels, letters, bases, then rows.
    expect(sheet.getCell(target + 1, 1).value).toBe('Respondents who answered');
    const groupRow = sheet.getRow(target + 2);
    expect(groupRow.getCell(2).value).toBe('Total');
    expect(groupRow.getCell(3).value).toBe('Gender');
    expect(groupRow.getCell(3).isMerged && groupRow.getCell(4).master.address).toBe(groupRow.getCell(3).address);
    expect(groupRow.getCell(5).value).toBe('Age');
    expect(sheet.getRow(target + 3).getCell(3).value).toBe('Male');
    expect(sheet.getRow(target + 4).getCell(4).value).toBe('(B)');
    const weightedBase = sheet.getRow(target + 5);
    expect(weightedBase.getCell(1).value).toBe('Base (weighted)');
    // Q2 without a base filter: answered any item, weight > 0 -> #1,2,3,5,6,7,10,11 = 1+2+.5+1+2+1+1.5+1 = 10
    expect(weightedBase.getCell(2).value).toBe(10);
    expect(sheet.getRow(target + 6).getCell(2).value).toBe(8);
    const countRow = sheet.getRow(target + 7);
    expect(countRow.getCell(1).value).toBe('Road bike');
    // Road bike: #1,3,5,7,11 = 1+.5+1+1+1 = 4.5 -> 45%
    expect(countRow.getCell(2).value).toBe(4.5);
    const percentRow = sheet.getRow(target + 8);
    expect(percentRow.getCell(2).value).toBeCloseTo(0.45, 10);
    expect(percentRow.getCell(2).numFmt).toBe('0%');
    // Significance letters row follows each percent row.
    expect(sheet.getRow(target + 9).getCell(1).value).toBeNull();
    expect(sheet.getRow(target + 10).getCell(1).value).toBe('Mountain bike');

    const q3Link = contents.getCell('B8').value as ExcelJS.CellHyperlinkValue;
    const q3Start = Number(/A(\d+)$/.exec(q3Link.hyperlink)?.[1]);
    const labels: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > q3Start) labels.push(row.getCell(1).value);
    });
    expect(labels).toContain('Mean');
    expect(labels).toContain('Std. deviation');
  });

  it('prints significance letters under the percentages', async () => {
    const q2 = tables().find((t) => t.tableId === 't_Q2');
    const marked: CrosstabTable = {
      ...(q2 as CrosstabTable),
      rows: (q2 as CrosstabTable).rows.map((r, k) => (k === 0 ? { ...r, cells: r.cells.map((c, i) => ({ ...c, sig: i === 2 ? ['A'] : [] })) } : r)),
    };
    const file = path.join(dir, 'sig.xlsx');
    await writeWorkbook([marked], file, { ...META, weighted: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Tables') as ExcelJS.Worksheet;
    // Unweighted: a single "Base" row (row 6), then Road bike count (7), percent (8), letters (9).
    expect(sheet.getCell('A6').value).toBe('Base');
    expect(sheet.getCell('A7').value).toBe('Road bike');
    expect(sheet.getCell('D9').value).toBe('A');
    expect(sheet.getCell('C9').value).toBeNull();
    await rm(file);
  });

  it('carries the notes of a table definition to the computed table and prints them under the table, with the contents links still on their titles', async () => {
    const definitions = generateTables(handDataMap(), handDataset()).map((t) =>
      t.questionId === 'Q2' ? { ...t, notes: ['Routing not read: "Ask riders"; this base is not narrowed by it', 'NET "Any bike" not added: …'] } : t,
    );
    const computed = computeCrosstabs(definitions, HAND_BANNER, handDataset(), { weightVariable: 'W', significance: false });
    const q2 = computed.find((t) => t.tableId === 't_Q2')!;
    expect(q2.notes).toEqual(['Routing not read: "Ask riders"; this base is not narrowed by it', 'NET "Any bike" not added: …']);
    expect(computed.find((t) => t.tableId === 't_Q1')!.notes).toBeUndefined();
    const file = path.join(dir, 'notes.xlsx');
    await writeWorkbook(computed, file, { ...META, weighted: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Tables') as ExcelJS.Worksheet;
    const column: unknown[] = [];
    sheet.eachRow((row) => column.push(row.getCell(1).value));
    const at = column.indexOf('Note: Routing not read: "Ask riders"; this base is not narrowed by it');
    expect(at).toBeGreaterThan(0);
    expect(column[at + 1]).toBe('Note: NET "Any bike" not added: …');
    const contents = workbook.getWorksheet('Contents') as ExcelJS.Worksheet;
    for (const address of ['B7', 'B8', 'B9']) {
      const link = contents.getCell(address).value as ExcelJS.CellHyperlinkValue;
      expect(sheet.getCell(`A${/A(\d+)$/.exec(link.hyperlink)?.[1]}`).value).toBe(link.text);
    }
    await rm(file);
  });

  it('writes tables.json atomically in export order', async () => {
    const file = path.join(dir, 'tables.json');
    await writeTablesJson(tables(), file, META);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { meta: typeof META; tables: CrosstabTable[] };
    expect(parsed.meta).toEqual(META);
    expect(parsed.tables.map((t) => t.tableId)).toEqual(['t_Q2', 't_Q3', 't_Q1']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file behind when the run is cancelled mid-write', async () => {
    const target = path.join(dir, 'cancelled');
    await mkdir(target);
    const file = path.join(target, 'crosstabs.xlsx');
    class CancellingClock extends CooperativeClock {
      calls = 0;
      partial: string[] = [];
      override async checkpoint(): Promise<void> {
        this.calls += 1;
        // Past the contents sheet, part way through the table blocks.
        if (this.calls === 5) {
          // The temporary file is opened asynchronously: wait for it to appear in the folder.
          const entries = changes();
          const watcher = watch(target, entries.changed);
          try {
            await entries.until(() => (this.partial = readdirSync(target)).length > 0, 'the temporary workbook appearing');
          } finally {
            watcher.close();
          }
          throw new PipelineCancelledError();
        }
      }
    }
    const clock = new CancellingClock();
    await expect(writeWorkbook(tables(), file, META, clock)).rejects.toBeInstanceOf(PipelineCancelledError);
    expect(clock.partial).toEqual(['crosstabs.xlsx.tmp']);
    expect(await readdir(target)).toEqual([]);
  });

  it('leaves nothing under the final name when writing fails', async () => {
    // A non-empty folder already sits at the final name, so the closing rename fails after the temporary file is written.
    const target = path.join(dir, 'rename-fails');
    const file = path.join(target, 'crosstabs.xlsx');
    await mkdir(path.join(file, 'occupied'), { recursive: true });
    await expect(writeWorkbook(tables(), file, META)).rejects.toThrow();
    expect(await readdir(target)).toEqual(['crosstabs.xlsx']);
    expect(await readdir(file)).toEqual(['occupied']);
  });
});
