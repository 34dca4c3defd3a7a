import { bannerLayout, type LayoutColumn } from '@/lib/crosstab/bannerLayout';
import { missingChecker } from '@/lib/core/missingChecker';
import { effectiveBase, significanceLetters } from '@/lib/crosstab/significance';
import { tableReader } from '@/lib/crosstab/tableReader';
import { indexVariables, type VariableIndex } from '@/lib/crosstab/variableIndex';
import { NumberList } from '@/lib/crosstab/NumberList';
import { weightedSummary } from '@/lib/crosstab/weightedStats';
import { PipelineInputError, throwIfAborted } from '@/lib/core/PipelineErrors';
import { compileFilter, describeFilterError, type RowPredicate } from '@/lib/filters';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { Banner, CrosstabCell, CrosstabTable, SavDataset, TableDefinition } from '@/lib/core/types';

/** Options of the computation stage. */
export interface CrosstabOptions {
  /** Variable holding case weights; null for unweighted counts. */
  weightVariable: string | null;
  /** Add significance letters (two-proportion z-test, 95%, within each banner group). */
  significance: boolean;
  signal?: AbortSignal;
}

/**
 * Deterministic stage: counts, column percents, weighted and unweighted bases, numeric statistics and
 * significance letters for every table × (Total + banner column). A column's base is the respondents in the
 * column who pass the table's base filter and answered the question (for a numeric question, with neither a declared
 * missing value nor a code labelled as a non-answer, such as 99 "Refused"). Respondents with a missing, zero or negative
 * weight are left out entirely (as SPSS does).
 */
export function computeCrosstabs(tables: TableDefinition[], banner: Banner, dataset: SavDataset, opts: CrosstabOptions): CrosstabTable[] {
  const compute = tableComputer(banner, dataset, opts);
  const result = tables.map(compute);
  throwIfAborted(opts.signal);
  return result;
}

/** computeCrosstabs, pausing at `clock` checkpoints between tables (keeps a host process responsive on large data). */
export async function computeCrosstabsCooperatively(
  tables: TableDefinition[],
  banner: Banner,
  dataset: SavDataset,
  opts: CrosstabOptions,
  clock: CooperativeClock,
): Promise<CrosstabTable[]> {
  await clock.checkpoint();
  const compute = tableComputer(banner, dataset, opts);
  const result: CrosstabTable[] = [];
  for (const table of tables) {
    await clock.checkpoint();
    result.push(compute(table));
  }
  throwIfAborted(opts.signal);
  return result;
}

/** Work shared by every table of a run (weights, banner membership), and the per-table computation over it. */
function tableComputer(banner: Banner, dataset: SavDataset, opts: CrosstabOptions): (table: TableDefinition) => CrosstabTable {
  throwIfAborted(opts.signal);
  const index = indexVariables(dataset.variables);
  const weights = caseWeights(dataset, index, opts.weightVariable);
  const columns = bannerLayout(banner, dataset.variables);
  const membership = columnMembership(dataset, columns, weights);
  const baseMasks = new Map<string, Uint8Array>();
  return (table) => {
    throwIfAborted(opts.signal);
    return computeTable(table, dataset, index, columns, membership, weights, baseMask(table, baseMasks, dataset), opts);
  };
}

/** Each case's weight (0 when missing or not positive); null when the data is unweighted (every weight 1). */
function caseWeights(dataset: SavDataset, index: VariableIndex, weightVariable: string | null): Float64Array | null {
  const { cases } = dataset;
  if (weightVariable === null) return null;
  const weights = new Float64Array(cases.count);
  const entry = index.get(weightVariable);
  if (!entry) {
    throw new PipelineInputError(`Weight variable ${weightVariable} is not in the data`, { stage: 'CrosstabComputation' });
  }
  const isMissing = missingChecker(entry.variable);
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(entry.index, r);
    weights[r] = !isMissing(value) && typeof value === 'number' && value > 0 ? value : 0;
  }
  return weights;
}

/** Small unsigned integers, in the narrowest typed array that holds values below `limit`. */
type Narrow = Uint8Array | Uint16Array | Uint32Array;

function narrowArray(length: number, limit: number): Narrow {
  return limit <= 0x100 ? new Uint8Array(length) : limit <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
}

/**
 * The banner columns each respondent with a positive weight belongs to (Total, column 0, holds every one of them and is
 * left implicit), stored compactly for reading in case order: respondent r belongs to `counts[r]` columns, listed in
 * `columns` after those of the respondents before it. Both hold small numbers in the narrowest array that fits (one
 * byte each for a banner of up to 256 columns), so a run of 25 million cases spends 2 bytes per case here, not 8.
 */
interface ColumnMembership {
  counts: Narrow;
  columns: Narrow;
}

function columnMembership(dataset: SavDataset, layout: LayoutColumn[], weights: Float64Array | null): ColumnMembership {
  const { cases } = dataset;
  const counts = narrowArray(cases.count, layout.length);
  let columns = narrowArray(layout.length > 1 ? Math.max(16, cases.count) : 0, layout.length);
  let n = 0;
  for (let r = 0; r < cases.count; r++) {
    if (weights !== null && !((weights[r] ?? 0) > 0)) continue;
    const before = n;
    for (let c = 1; c < layout.length; c++) {
      if (!(layout[c] as LayoutColumn).matches(cases, r)) continue;
      if (n === columns.length) {
        const grown = narrowArray(Math.max(16, columns.length * 2), layout.length);
        grown.set(columns);
        columns = grown;
      }
      columns[n++] = c;
    }
    counts[r] = n - before;
  }
  return { counts, columns: columns.subarray(0, n) };
}

/** Which respondents pass the table's base filter (null: everyone); evaluated once per distinct expression. */
function baseMask(table: TableDefinition, cache: Map<string, Uint8Array>, dataset: SavDataset): Uint8Array | null {
  const expression = table.baseFilter?.trim();
  if (!expression) return null;
  const cached = cache.get(expression);
  if (cached) return cached;
  let matches: RowPredicate;
  try {
    matches = compileFilter(expression, dataset.variables);
  } catch (err) {
    throw new PipelineInputError(`Table ${table.id} base: ${describeFilterError(err)}`, {
      stage: 'CrosstabComputation',
      cause: err,
    });
  }
  const { cases } = dataset;
  const mask = new Uint8Array(cases.count);
  for (let r = 0; r < cases.count; r++) mask[r] = matches(cases, r) ? 1 : 0;
  cache.set(expression, mask);
  return mask;
}

function computeTable(
  table: TableDefinition,
  dataset: SavDataset,
  index: VariableIndex,
  columns: LayoutColumn[],
  membership: ColumnMembership,
  weights: Float64Array | null,
  inBase: Uint8Array | null,
  opts: CrosstabOptions,
): CrosstabTable {
  const reader = tableReader(table, dataset, index);
  const nCols = columns.length;
  const nRows = table.rows.length;
  const bases = new Float64Array(nCols);
  const unweighted = new Float64Array(nCols);
  const squaredWeights = new Float64Array(nCols);
  const counts = table.rows.map(() => new Float64Array(nCols));
  const hits = new Uint8Array(nRows);
  // Statistics of a numeric table, unless its labels show other numbers than its codes (a mean of the codes would mislead).
  const numeric = reader.statistics;
  const { cases } = dataset;
  // Total holds every answer: room for all of them at once, instead of doubling through copies.
  const values = columns.map((_, c) => new NumberList(numeric && c === 0 ? cases.count : 0));
  // Unweighted data: every weight is 1, and none is kept per answer.
  const valueWeights = opts.weightVariable === null ? null : columns.map(() => new NumberList());

  const { counts: memberships, columns: memberOf } = membership;
  // Where respondent r's columns start in memberOf: the sum of the counts before it, kept as the loop goes.
  let next = 0;
  let w = 0;
  let value: number | null = null;
  const add = (c: number) => {
    bases[c] = (bases[c] as number) + w;
    unweighted[c] = (unweighted[c] as number) + 1;
    squaredWeights[c] = (squaredWeights[c] as number) + w * w;
    for (let k = 0; k < nRows; k++) {
      if (hits[k]) {
        const rowCounts = counts[k] as Float64Array;
        rowCounts[c] = (rowCounts[c] as number) + w;
      }
    }
    if (value !== null) {
      (values[c] as NumberList).push(value);
      valueWeights?.[c]?.push(w);
    }
  };
  for (let r = 0; r < cases.count; r++) {
    const first = next;
    next += memberships[r] as number;
    w = weights === null ? 1 : (weights[r] as number);
    if (!(w > 0) || (inBase !== null && !inBase[r]) || !reader.answered(cases, r)) continue;
    reader.rowHits(cases, r, hits);
    value = numeric ? reader.numericValue(cases, r) : null;
    add(0);
    for (let m = first; m < next; m++) add(memberOf[m] as number);
  }

  const rows = table.rows.map((row, k) => {
    const rowCounts = counts[k] as Float64Array;
    const cells: CrosstabCell[] = columns.map((_, c) => {
      const base = bases[c] as number;
      const count = rowCounts[c] as number;
      return { count, percent: base > 0 ? (count / base) * 100 : null };
    });
    if (opts.significance) addSignificance(cells, columns, bases, squaredWeights);
    return { id: row.id, label: row.label, isNet: row.isNet === true, cells };
  });

  return {
    tableId: table.id,
    title: table.title,
    baseLabel: table.baseLabel,
    columns: columns.map(({ id, label, group, letter }) => ({ id, label, group, letter })),
    bases: [...bases],
    unweightedBases: [...unweighted],
    rows,
    ...(numeric ? { stats: numericStats(values, valueWeights) } : {}),
    lowValue: table.lowValue === true,
    ...(table.notes.length > 0 ? { notes: [...new Set(table.notes)] } : {}),
  };
}

function addSignificance(cells: CrosstabCell[], columns: LayoutColumn[], bases: Float64Array, squaredWeights: Float64Array): void {
  const groups = new Map<number, number[]>();
  columns.forEach((column, c) => {
    if (column.groupIndex < 0) return;
    const members = groups.get(column.groupIndex) ?? [];
    members.push(c);
    groups.set(column.groupIndex, members);
  });
  for (const members of groups.values()) {
    const proportions = members.map((c) => {
      const percent = cells[c]?.percent ?? null;
      return percent === null ? null : percent / 100;
    });
    const effective = members.map((c) => effectiveBase(bases[c] as number, squaredWeights[c] as number));
    const letters = significanceLetters(
      proportions,
      effective,
      members.map((c) => (columns[c] as LayoutColumn).letter),
    );
    members.forEach((c, i) => {
      (cells[c] as CrosstabCell).sig = letters[i] ?? [];
    });
  }
}

function numericStats(values: NumberList[], weights: NumberList[] | null): NonNullable<CrosstabTable['stats']> {
  const summaries = values.map((v, c) => weightedSummary(v.view(), weights?.[c]?.view() ?? null));
  return [
    { label: 'Mean', values: summaries.map((s) => s.mean) },
    { label: 'Median', values: summaries.map((s) => s.median) },
    { label: 'Std. deviation', values: summaries.map((s) => s.stdDev) },
    { label: 'Minimum', values: summaries.map((s) => s.min) },
    { label: 'Maximum', values: summaries.map((s) => s.max) },
  ];
}
