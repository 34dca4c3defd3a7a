import { missingChecker } from '@/lib/core/missingChecker';
import { InputLimitError } from '@/lib/core/PipelineErrors';
import { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_SETTINGS } from '@/lib/core/inputLimits';
import { indexVariables, type VariableIndex } from '@/lib/crosstab/variableIndex';
import { compareCodes } from './compareCodes';
import { declaredSetRows } from './declaredSetRows';
import { numericRows, scanNumericColumn } from './numericRows';
import { codesShownAsOtherNumbers, describeCodes, numericMissingChecker, undeclaredNonAnswers } from '@/lib/core/numericAnswers';
import { answeredBaseLabel } from '@/lib/filters';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { CellValue, DataMap, DataMapQuestion, DataMapVariable, SavDataset, SavVariable, TableDefinition, TableRow } from '@/lib/core/types';

/**
 * Deterministic stage: one table per reportable question (single, multi-response or numeric with at least one answer).
 * Single/numeric questions spanning several variables (e.g. looped copies) get one table per variable.
 */
export function generateTables(dataMap: DataMap, dataset: SavDataset): TableDefinition[] {
  const forQuestion = questionTables(dataMap, dataset);
  return dataMap.questions.flatMap(forQuestion);
}

/**
 * generateTables, pausing at `clock` checkpoints between questions (keeps a host process responsive on large data), and
 * stopping with an InputLimitError as soon as the tables pass `maxTables` (each table costs agent calls downstream).
 */
export async function generateTablesCooperatively(
  dataMap: DataMap,
  dataset: SavDataset,
  clock: CooperativeClock,
  maxTables = DEFAULT_INPUT_LIMITS.maxTables,
): Promise<TableDefinition[]> {
  const forQuestion = questionTables(dataMap, dataset);
  const tables: TableDefinition[] = [];
  for (const [i, question] of dataMap.questions.entries()) {
    await clock.checkpoint();
    tables.push(...forQuestion(question));
    if (tables.length > maxTables) {
      const from = `${(i + 1).toLocaleString('en-US')} of ${dataMap.questions.length.toLocaleString('en-US')} questions`;
      throw new InputLimitError(
        `The data makes at least ${tables.length.toLocaleString('en-US')} tables (from the first ${from}), over the limit of ${maxTables.toLocaleString('en-US')} (${INPUT_LIMIT_SETTINGS.maxTables})`,
        { limit: INPUT_LIMIT_SETTINGS.maxTables, stage: 'TableGenerator' },
      );
    }
  }
  return tables;
}

/** The tables of one question (none when nobody answered it). */
function questionTables(dataMap: DataMap, dataset: SavDataset): (question: DataMapQuestion) => TableDefinition[] {
  const index = indexVariables(dataset.variables);
  const mapVariables = new Map(dataMap.variables.map((v) => [v.name.toLowerCase(), v]));
  return (question) => {
    const tables: TableDefinition[] = [];
    if (question.kind === 'single' || question.kind === 'numeric') {
      const names = question.variables.filter((name) => index.get(name));
      for (const name of names) {
        const table = singleVariableTable(question, name, names.length > 1, dataset, index, mapVariables);
        if (table) tables.push(table);
      }
    } else if (question.kind === 'multi') {
      const table = multiTable(question, dataset, index, mapVariables);
      if (table) tables.push(table);
    }
    return tables;
  };
}

function singleVariableTable(
  question: DataMapQuestion,
  name: string,
  perVariable: boolean,
  dataset: SavDataset,
  index: VariableIndex,
  mapVariables: Map<string, DataMapVariable>,
): TableDefinition | null {
  const { index: col, variable } = index.get(name) as { index: number; variable: SavVariable };
  const mapVariable = mapVariables.get(name.toLowerCase());
  const label = perVariable ? mapVariable?.label || variable.label || question.label : question.label || variable.label;
  const id = perVariable ? `t_${question.id}_${variable.name}` : `t_${question.id}`;
  const notes: string[] = [];
  if (mapVariable?.loop) notes.push(`Loop ${mapVariable.loop.id}, iteration ${mapVariable.loop.iteration}`);
  const table = (kind: TableDefinition['kind'], rows: TableRow[], baseLabel: string): TableDefinition => ({
    id,
    questionId: question.id,
    title: titleOf(perVariable ? variable.name : question.id, label),
    kind,
    variables: [variable.name],
    rows,
    baseLabel,
    notes,
  });

  if (question.kind === 'numeric') {
    const isMissing = numericMissingChecker(variable);
    const column = scanNumericColumn(dataset, col, isMissing);
    if (column === null) return null;
    const nonAnswers = undeclaredNonAnswers(variable);
    if (nonAnswers.length > 0) notes.push(`Codes ${describeCodes(nonAnswers)} left out as missing: their labels say they are not answers`);
    const shown = codesShownAsOtherNumbers(variable);
    if (shown.length > 0) notes.push(`No statistics: the labels show other numbers than the codes (${describeCodes(shown)})`);
    const answered = {
      answered: column.answered,
      missingValues: mapVariable?.missingValues ?? variable.missing.values,
      valueLabels: variable.valueLabels,
      nonAnswers,
    };
    return table('numeric', numericRows(variable, label, column, isMissing), answeredBaseLabel([answered], dataset.cases.count));
  }
  const isMissing = missingChecker(variable);
  const codes = distinctAnswers(dataset, col, isMissing);
  if (codes === null) return null;
  return table('single', codeRows(variable, codes, isMissing), answeredBaseLabel(mapVariable ? [mapVariable] : [], dataset.cases.count));
}

/** The distinct non-missing answers of a column (strings without trailing blanks); null when nobody answered. */
function distinctAnswers(dataset: SavDataset, col: number, isMissing: (v: CellValue) => boolean): Set<number | string> | null {
  const { cases } = dataset;
  const codes = new Set<number | string>();
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (!isMissing(value)) codes.add(typeof value === 'string' ? value.trimEnd() : (value as number));
  }
  return codes.size === 0 ? null : codes;
}

/** Rows for a single-choice question: every labelled or observed non-missing code, in code order. */
function codeRows(variable: SavVariable, observed: Set<number | string>, isMissing: (v: number | string) => boolean): TableRow[] {
  const labels = new Map<number | string, string>();
  for (const vl of variable.valueLabels) {
    const code = typeof vl.value === 'string' ? vl.value.trimEnd() : vl.value;
    if (!isMissing(code)) labels.set(code, vl.label);
  }
  const codes = new Set<number | string>(labels.keys());
  for (const code of observed) codes.add(code);
  return [...codes].sort(compareCodes).map((code) => ({
    id: `r_${code}`,
    label: labels.get(code) ?? String(code),
    codes: [code],
  }));
}

function multiTable(question: DataMapQuestion, dataset: SavDataset, index: VariableIndex, mapVariables: Map<string, DataMapVariable>): TableDefinition | null {
  const items = question.variables.map((name) => index.get(name)).filter((entry): entry is { index: number; variable: SavVariable } => entry !== undefined);
  if (items.length === 0) return null;
  const checkers = items.map(({ variable }) => missingChecker(variable));
  if (!anyAnswered(dataset, items, checkers)) return null;
  const declared = question.declaredSet ? declaredSetRows(question.declaredSet, items, dataset) : null;
  const rows: TableRow[] =
    declared?.rows ??
    items.map(({ variable }) => ({
      id: `r_${variable.name}`,
      label: mapVariables.get(variable.name.toLowerCase())?.label || variable.label || variable.name,
      codes: [variable.name],
    }));
  return {
    id: `t_${question.id}`,
    questionId: question.id,
    title: titleOf(question.id, question.label),
    kind: 'multi',
    variables: items.map(({ variable }) => variable.name),
    rows,
    ...(declared ? { responseSet: declared.responseSet } : {}),
    baseLabel: answeredBaseLabel(
      question.variables.flatMap((n) => mapVariables.get(n.toLowerCase()) ?? []),
      dataset.cases.count,
    ),
    notes: [],
  };
}

/** Whether any case answered any of the items. */
function anyAnswered(dataset: SavDataset, items: Array<{ index: number }>, checkers: Array<(v: CellValue) => boolean>): boolean {
  const { cases } = dataset;
  for (let r = 0; r < cases.count; r++) {
    for (let i = 0; i < items.length; i++) if (!checkers[i]!(cases.value(items[i]!.index, r))) return true;
  }
  return false;
}

function titleOf(id: string, label: string): string {
  if (!label) return id;
  return label.toLowerCase().startsWith(id.toLowerCase()) ? label : `${id}: ${label}`;
}
