import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { CaseTable } from '@/lib/core/CaseTable';
import type { CellValue, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { missingChecker } from '@/lib/core/missingChecker';
import { codesShownAsOtherNumbers, numericMissingChecker } from '@/lib/core/numericAnswers';
import { selectedCode } from '@/lib/core/selectedCode';
import type { VariableIndex } from './variableIndex';

/** How one table reads a respondent (case `r`): whether they answered, which table rows they fall in, their numeric value. */
export interface TableReader {
  answered(cases: CaseTable, r: number): boolean;
  /** Writes into `hits[k]` whether the respondent is counted in table row k (NETs count a respondent once). */
  rowHits(cases: CaseTable, r: number, hits: Uint8Array): void;
  /** The numeric answer for numeric tables, null otherwise or when missing. */
  numericValue(cases: CaseTable, r: number): number | null;
  /**
   * Whether the table's statistics (mean, minimum…) say something: a numeric table whose labels show no other numbers
   * than its codes (see codesShownAsOtherNumbers).
   */
  statistics: boolean;
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
  const numeric = table.kind === 'numeric';
  // A numeric question leaves out the codes its labels call non-answers (99 "Refused" is not an age), as if declared missing.
  const isMissing = numeric ? numericMissingChecker(variable) : missingChecker(variable);
  const normalise = (v: number | string): number | string => {
    if (variable.type === 'string') return String(v).trimEnd();
    return typeof v === 'number' ? v : Number(v);
  };
  const rowCodes = table.rows.map((r) => new Set(r.codes.map(normalise)));
  const valueOf = (cases: CaseTable, r: number): number | string | null => {
    const value = cases.value(col, r);
    return isMissing(value) ? null : normalise(value as number | string);
  };
  return {
    answered: (cases, r) => valueOf(cases, r) !== null,
    rowHits: (cases, r, hits) => {
      const value = valueOf(cases, r);
      rowCodes.forEach((codes, k) => {
        hits[k] = value !== null && codes.has(value) ? 1 : 0;
      });
    },
    numericValue: (cases, r) => {
      if (!numeric) return null;
      const value = valueOf(cases, r);
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    },
    statistics: numeric && codesShownAsOtherNumbers(variable).length === 0,
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
      missing: (cases: CaseTable, r: number) => isMissing(cases.value(col, r)),
      selected: (cases: CaseTable, r: number) => {
        const value = cases.value(col, r);
        return !isMissing(value) && isSelected(value);
      },
    };
  };
  const items = table.variables.map(item);
  const rowItems = table.rows.map((r) => r.codes.map((code) => item(String(code))));
  return {
    answered: (cases, r) => items.some((it) => !it.missing(cases, r)),
    rowHits: (cases, r, hits) => {
      rowItems.forEach((its, k) => {
        hits[k] = its.some((it) => it.selected(cases, r)) ? 1 : 0;
      });
    },
    numericValue: () => null,
    statistics: false,
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
  const valuesOf = (cases: CaseTable, r: number): Array<number | string> => {
    const values: Array<number | string> = [];
    for (const m of members) {
      const value = cases.value(m.col, r);
      if (!m.isMissing(value)) values.push(normalise(value as number | string));
    }
    return values;
  };
  return {
    answered: (cases, r) => members.some((m) => !m.isMissing(cases.value(m.col, r))),
    rowHits: (cases, r, hits) => {
      const values = valuesOf(cases, r);
      rowCodes.forEach((codes, k) => {
        hits[k] = values.some((v) => codes.has(v)) ? 1 : 0;
      });
    },
    numericValue: () => null,
    statistics: false,
  };
}
