import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { CellValue, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { missingChecker } from '@/lib/core/missingChecker';
import { selectedCode } from '@/lib/core/selectedCode';
import type { VariableIndex } from './variableIndex';

/** How one table reads a respondent row: whether they answered, which table rows they fall in, their numeric value. */
export interface TableReader {
  answered(row: CellValue[]): boolean;
  /** Writes into `hits[k]` whether the respondent is counted in table row k (NETs count a respondent once). */
  rowHits(row: CellValue[], hits: Uint8Array): void;
  /** The numeric answer for numeric tables, null otherwise or when missing. */
  numericValue(row: CellValue[]): number | null;
}

/** Build the reader for a table: single (codes of one variable), multi (selected items) or numeric. */
export function tableReader(table: TableDefinition, dataset: SavDataset, index: VariableIndex): TableReader {
  const lookup = (name: string) => {
    const entry = index.get(name);
    if (!entry) {
      throw new PipelineInputError(`Table ${table.id} uses variable ${name}, which is not in the data`, {
        stage: 'CrosstabComputation',
      });
    }
    return entry;
  };
  return table.kind === 'multi' ? multiReader(table, lookup) : codeReader(table, lookup);
}

type Lookup = (name: string) => { index: number; variable: SavVariable };

function codeReader(table: TableDefinition, lookup: Lookup): TableReader {
  const name = table.variables[0];
  if (name === undefined) throw new PipelineInputError(`Table ${table.id} has no variable`, { stage: 'CrosstabComputation' });
  const { index: col, variable } = lookup(name);
  const isMissing = missingChecker(variable);
  const normalise = (v: number | string): number | string => {
    if (variable.type === 'string') return String(v).trimEnd();
    return typeof v === 'number' ? v : Number(v);
  };
  const rowCodes = table.rows.map((r) => new Set(r.codes.map(normalise)));
  const valueOf = (row: CellValue[]): number | string | null => {
    const value = row[col] ?? null;
    return isMissing(value) ? null : normalise(value as number | string);
  };
  return {
    answered: (row) => valueOf(row) !== null,
    rowHits: (row, hits) => {
      const value = valueOf(row);
      rowCodes.forEach((codes, k) => {
        hits[k] = value !== null && codes.has(value) ? 1 : 0;
      });
    },
    numericValue: (row) => {
      if (table.kind !== 'numeric') return null;
      const value = valueOf(row);
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    },
  };
}

function multiReader(table: TableDefinition, lookup: Lookup): TableReader {
  if (table.responseSet?.type === 'category') return categoryReader(table, lookup);
  const counted = table.responseSet?.type === 'dichotomy' ? table.responseSet.countedValue : null;
  const item = (name: string) => {
    const { index: col, variable } = lookup(name);
    const isMissing = missingChecker(variable);
    const selected = counted === null ? selectedCode(variable) : counted;
    const isSelected =
      typeof selected === 'string'
        ? (value: CellValue) => typeof value === 'string' && value.trimEnd() === selected.trimEnd()
        : (value: CellValue) => Number(value) === selected;
    return {
      missing: (row: CellValue[]) => isMissing(row[col] ?? null),
      selected: (row: CellValue[]) => {
        const value = row[col] ?? null;
        return !isMissing(value) && isSelected(value);
      },
    };
  };
  const items = table.variables.map(item);
  const rowItems = table.rows.map((r) => r.codes.map((code) => item(String(code))));
  return {
    answered: (row) => items.some((it) => !it.missing(row)),
    rowHits: (row, hits) => {
      rowItems.forEach((its, k) => {
        hits[k] = its.some((it) => it.selected(row)) ? 1 : 0;
      });
    },
    numericValue: () => null,
  };
}

/** A declared category set: a respondent is in row k when any member holds one of its codes (counted once). */
function categoryReader(table: TableDefinition, lookup: Lookup): TableReader {
  const entries = table.variables.map(lookup);
  const members = entries.map(({ index: col, variable }) => ({ col, isMissing: missingChecker(variable) }));
  // Members of a set share a type (the reader refuses mixed sets); codes may arrive as text, as NET codes do.
  const numeric = entries[0]?.variable.type !== 'string';
  const normalise = (c: number | string): number | string => (numeric ? Number(c) : String(c).trimEnd());
  const rowCodes = table.rows.map((r) => new Set(r.codes.map(normalise)));
  const valuesOf = (row: CellValue[]): Array<number | string> => {
    const values: Array<number | string> = [];
    for (const m of members) {
      const value = row[m.col] ?? null;
      if (!m.isMissing(value)) values.push(normalise(value as number | string));
    }
    return values;
  };
  return {
    answered: (row) => members.some((m) => !m.isMissing(row[m.col] ?? null)),
    rowHits: (row, hits) => {
      const values = valuesOf(row);
      rowCodes.forEach((codes, k) => {
        hits[k] = values.some((v) => codes.has(v)) ? 1 : 0;
      });
    },
    numericValue: () => null,
  };
}
