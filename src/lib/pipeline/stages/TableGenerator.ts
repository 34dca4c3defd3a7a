import { missingChecker } from '@/lib/core/missingChecker';
import { InputLimitError } from '@/lib/core/PipelineErrors';
import { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_SETTINGS } from '@/lib/core/inputLimits';
import { indexVariables, type VariableIndex } from '@/lib/crosstab/variableIndex';
import { compareCodes } from './compareCodes';
import { declaredSetRows } from './declaredSetRows';
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
  const isMissing = missingChecker(variable);
  const kind = question.kind === 'numeric' ? 'numeric' : 'single';
  const answers = kind === 'single' ? distinctAnswers(dataset, col, isMissing) : scaleAnswers(dataset, col, isMissing);
  if (answers === null) return null;

  const mapVariable = mapVariables.get(name.toLowerCase());
  const label = perVariable ? mapVariable?.label || variable.label || question.label : question.label || variable.label;
  const rows = answers.kind === 'codes' ? codeRows(variable, answers.codes, isMissing) : answers.scale ? scaleRows(variable) : [];
  const notes: string[] = [];
  if (mapVariable?.loop) notes.push(`Loop ${mapVariable.loop.id}, iteration ${mapVariable.loop.iteration}`);
  const id = perVariable ? `t_${question.id}_${variable.name}` : `t_${question.id}`;
  return {
    id,
    questionId: question.id,
    title: titleOf(perVariable ? variable.name : question.id, label),
    kind,
    variables: [variable.name],
    rows,
    baseLabel: answeredBaseLabel(mapVariable ? [mapVariable] : [], dataset.cases.count),
    notes,
  };
}

/** What one pass over a column says: the distinct answers of a single-choice question, or whether a numeric one is a 0-10 scale. */
type ColumnAnswers = { kind: 'codes'; codes: Set<number | string> } | { kind: 'scale'; scale: boolean };

/** The distinct non-missing answers of a column (strings without trailing blanks); null when nobody answered. */
function distinctAnswers(dataset: SavDataset, col: number, isMissing: (v: CellValue) => boolean): ColumnAnswers | null {
  const { cases } = dataset;
  const codes = new Set<number | string>();
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (!isMissing(value)) codes.add(typeof value === 'string' ? value.trimEnd() : (value as number));
  }
  return codes.size === 0 ? null : { kind: 'codes', codes };
}

/** Whether every non-missing answer is a whole number from 0 to 10 (stops at the first that is not); null when nobody answered. */
function scaleAnswers(dataset: SavDataset, col: number, isMissing: (v: CellValue) => boolean): ColumnAnswers | null {
  const { cases } = dataset;
  let answered = false;
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (isMissing(value)) continue;
    answered = true;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10)) return { kind: 'scale', scale: false };
  }
  return answered ? { kind: 'scale', scale: true } : null;
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

/** Distribution rows for a 0-10 scale. */
function scaleRows(variable: SavVariable): TableRow[] {
  const labels = new Map(variable.valueLabels.map((vl) => [vl.value, vl.label]));
  return Array.from({ length: 11 }, (_, code) => {
    const label = labels.get(code);
    return { id: `r_${code}`, label: label && label !== String(code) ? `${code} - ${label}` : String(code), codes: [code] };
  });
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
