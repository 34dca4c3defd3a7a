import type { CooperativeClock } from '@/lib/core/cooperative';
import { missingChecker } from '@/lib/core/missingChecker';
import { undeclaredNonAnswers } from '@/lib/core/numericAnswers';
import { indexVariables } from '@/lib/crosstab/variableIndex';
import { looksLikeIdName, looksLikeIdentifier, loopOf, multiGroupOf } from '@/lib/sav';
import type { CellValue, DataMap, DataMapQuestion, DataMapVariable, MultiResponseSet, QuestionKind, SavDataset, SavVariable } from '@/lib/core/types';

/**
 * Distinct answers (and observed codes in a declared missing range) kept per variable. Past this a variable is
 * many-valued: a label-less id is then checked for uniqueness by sorting its answers, never by a set of every value.
 */
const MAX_TRACKED_VALUES = 1000;

/** Per-variable facts gathered in one pass over the cases. */
interface ColumnProfile {
  variable: SavVariable;
  answered: number;
  /** The distinct answers, at most MAX_TRACKED_VALUES + 1 of them (more means many-valued). */
  distinct: Set<CellValue>;
  /** Whether every answer differs from every other (computed only when asked). */
  unique: () => boolean;
  /** Declared missing values plus observed values inside a declared missing range. */
  missingValues: Array<number | string>;
  /** The codes labelled as non-answers and not declared missing ("Refused" 99), with how many answers hold each. */
  nonAnswers: NonAnswerCount[];
}

type NonAnswerCount = NonNullable<DataMapVariable['nonAnswers']>[number];

function profileColumn(dataset: SavDataset, variable: SavVariable, col: number): ColumnProfile {
  const { cases } = dataset;
  const distinct = new Set<CellValue>();
  const inRange = new Set<number>();
  let answered = 0;
  const isMissing = missingChecker(variable);
  const nonAnswers = new Map<number, NonAnswerCount>(undeclaredNonAnswers(variable).map((c) => [c.value, { ...c, count: 0 }]));
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (isMissing(value)) {
      if (typeof value === 'number' && inRange.size < MAX_TRACKED_VALUES && !variable.missing.values.includes(value)) inRange.add(value);
      continue;
    }
    answered++;
    if (distinct.size <= MAX_TRACKED_VALUES) distinct.add(value);
    const nonAnswer = nonAnswers.size > 0 && typeof value === 'number' ? nonAnswers.get(value) : undefined;
    if (nonAnswer) nonAnswer.count++;
  }
  const missingValues = [...variable.missing.values, ...[...inRange].sort((a, b) => a - b)];
  const unique = () => (distinct.size <= MAX_TRACKED_VALUES ? distinct.size === answered : answersAreUnique(cases, col, answered, isMissing));
  return { variable, answered, distinct, unique, missingValues, nonAnswers: [...nonAnswers.values()] };
}

/** Whether no two of a column's `answered` answers are equal: sorted, neighbours compared (no set of every value). */
function answersAreUnique(cases: SavDataset['cases'], col: number, answered: number, isMissing: (v: CellValue) => boolean): boolean {
  const numbers = new Float64Array(answered);
  const texts: string[] = [];
  let n = 0;
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (isMissing(value)) continue;
    if (typeof value === 'number') numbers[n++] = value;
    else if (value !== null) texts.push(value);
  }
  const sorted = numbers.subarray(0, n).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  texts.sort();
  for (let i = 1; i < texts.length; i++) if (texts[i] === texts[i - 1]) return false;
  return true;
}

/** Binary 0/1 (or 1/missing) column: every answer and every labelled code is 0 or 1. */
function isBinary(p: ColumnProfile): boolean {
  if (p.variable.type !== 'numeric') return false;
  const codes = [...p.distinct, ...p.variable.valueLabels.map((l) => l.value)];
  return codes.every((c) => c === 0 || c === 1);
}

/**
 * Unique identifier, with no value labels and one distinct value per answer: a numeric column named like an id
 * (`RESPID`), or any column that is answered on every case and named or labelled like an identifier (`resp`,
 * "Respondent number").
 */
function isId(p: ColumnProfile, rowCount: number): boolean {
  const v = p.variable;
  if (v.valueLabels.length > 0 || p.answered === 0) return false;
  const named = (v.type === 'numeric' && looksLikeIdName(v.name)) || (p.answered === rowCount && looksLikeIdentifier(v.name, v.label));
  return named && p.unique();
}

/** Labels that only mark a scale's end points (e.g. 0 and 10 of a 0-10 scale) do not make a variable categorical. */
function isScaleWithAnchorLabels(p: ColumnProfile): boolean {
  if (p.variable.measure !== 'scale') return false;
  const labelled = new Set(p.variable.valueLabels.map((l) => l.value));
  const unlabelled = [...p.distinct].filter((v) => !labelled.has(v as number)).length;
  return unlabelled > p.distinct.size / 2;
}

function baseKind(p: ColumnProfile, weightVariable: string | null, rowCount: number): QuestionKind {
  if (p.variable.name === weightVariable) return 'weight';
  if (isId(p, rowCount)) return 'id';
  if (p.variable.type === 'string') return 'text';
  if (p.variable.valueLabels.length > 0 && !isScaleWithAnchorLabels(p)) return 'single';
  return 'numeric';
}

/** Multi-response groups: two or more binary columns sharing a name prefix (Q2_1..Q2_6 → Q2). */
function findMultiGroups(profiles: ColumnProfile[], kinds: QuestionKind[]): Map<string, number[]> {
  const candidates = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    const group = multiGroupOf(p.variable.name);
    if (group === null || kinds[i] === 'weight' || kinds[i] === 'id' || kinds[i] === 'text') return;
    candidates.set(group, [...(candidates.get(group) ?? []), i]);
  });
  const groups = new Map<string, number[]>();
  for (const [group, members] of candidates) {
    if (members.length >= 2 && members.every((i) => isBinary(profiles[i]!))) groups.set(group, members);
  }
  return groups;
}

/** Loops: variables named <stem>_L<n> with at least two iterations of the same stem. */
function findLoops(profiles: ColumnProfile[]): Map<number, { id: string; iteration: number }> {
  const byStem = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    const loop = loopOf(p.variable.name);
    if (loop) byStem.set(`${loop.stem}\u0000${loop.id}`, [...(byStem.get(`${loop.stem}\u0000${loop.id}`) ?? []), i]);
  });
  const loops = new Map<number, { id: string; iteration: number }>();
  for (const members of byStem.values()) {
    if (members.length < 2) continue;
    for (const i of members) {
      const loop = loopOf(profiles[i]!.variable.name)!;
      loops.set(i, { id: loop.id, iteration: loop.iteration });
    }
  }
  return loops;
}

/** Shared wording of a multi-response group's labels ("Brands used: Alpha", "Brands used: Bravo" → "Brands used"). */
function groupLabel(labels: string[], fallback: string): string {
  const first = labels[0] ?? '';
  let n = first.length;
  for (const l of labels.slice(1)) {
    let k = 0;
    while (k < n && k < l.length && l[k] === first[k]) k++;
    n = k;
  }
  const common = first
    .slice(0, n)
    .replace(/[\s:\-–—(]+$/u, '')
    .trim();
  return common.length >= 3 ? common : fallback;
}

const REPORTABLE: ReadonlySet<QuestionKind> = new Set(['single', 'numeric', 'multi']);

/** Build the data map: each variable's kind, multi-response groups, loops, answered counts, and the reportable questions. */
export function buildDataMap(dataset: SavDataset): DataMap {
  return assembleDataMap(
    dataset,
    dataset.variables.map((variable, col) => profileColumn(dataset, variable, col)),
  );
}

/** buildDataMap, pausing at `clock` checkpoints between variables (keeps a host process responsive on large data). */
export async function buildDataMapCooperatively(dataset: SavDataset, clock: CooperativeClock): Promise<DataMap> {
  const profiles: ColumnProfile[] = [];
  for (const [col, variable] of dataset.variables.entries()) {
    await clock.checkpoint();
    profiles.push(profileColumn(dataset, variable, col));
  }
  return assembleDataMap(dataset, profiles);
}

/** A set declared in the dictionary, with the columns of its members. */
interface DeclaredSet {
  set: MultiResponseSet;
  members: number[];
}

/** The file's declared multiple-response sets whose members are in the data (at least two of them). */
function declaredSets(dataset: SavDataset): DeclaredSet[] {
  const index = indexVariables(dataset.variables);
  return (dataset.multiResponseSets ?? []).flatMap((set) => {
    const members = set.variables.map((name) => index.get(name)?.index).filter((i): i is number => i !== undefined);
    if (members.length < 2) return [];
    return [{ set: { ...set, variables: members.map((i) => dataset.variables[i]!.name) }, members }];
  });
}

function assembleDataMap(dataset: SavDataset, profiles: ColumnProfile[]): DataMap {
  const kinds = profiles.map((p) => baseKind(p, dataset.weightVariable, dataset.cases.count));
  const declared = declaredSets(dataset);
  // Groups guessed from names are the fallback for files that declare no sets.
  const groups = declared.length > 0 ? new Map<string, number[]>() : findMultiGroups(profiles, kinds);
  const groupOf = new Map<number, string>();
  for (const [group, members] of groups) for (const i of members) groupOf.set(i, group);
  const setOf = new Map<number, MultiResponseSet>();
  const setsAt = new Map<number, MultiResponseSet[]>();
  for (const { set, members } of declared) {
    for (const i of members) if (!setOf.has(i)) setOf.set(i, set);
    const first = Math.min(...members);
    setsAt.set(first, [...(setsAt.get(first) ?? []), set]);
  }
  const loops = findLoops(profiles);

  const variables: DataMapVariable[] = profiles.map((p, i) => {
    const set = setOf.get(i);
    const group = set?.name ?? groupOf.get(i);
    const loop = loops.get(i);
    const multi = set ? set.type === 'dichotomy' : group !== undefined;
    const kind = multi ? 'multi' : kinds[i]!;
    // A number question's answers are numbers: its codes labelled "Refused", "Don't know"… are not answers (see undeclaredNonAnswers).
    const nonAnswers = kind === 'numeric' ? p.nonAnswers : [];
    const entry: DataMapVariable = {
      name: p.variable.name,
      label: p.variable.label,
      type: p.variable.type,
      kind,
      valueLabels: p.variable.valueLabels,
      missingValues: p.missingValues,
      answered: p.answered - nonAnswers.reduce((n, c) => n + c.count, 0),
    };
    if (nonAnswers.length > 0) entry.nonAnswers = nonAnswers;
    if (group !== undefined) entry.group = group;
    if (loop) entry.loop = loop;
    return entry;
  });

  const questions: DataMapQuestion[] = [];
  const emittedGroups = new Set<string>();
  variables.forEach((v, i) => {
    for (const set of setsAt.get(i) ?? []) {
      questions.push({ id: set.name, label: set.label || set.name, kind: 'multi', variables: set.variables, declaredSet: set });
    }
    // A declared set's members are tabulated in the set only.
    if (setOf.has(i) || !REPORTABLE.has(v.kind)) return;
    if (v.group === undefined) {
      questions.push({ id: v.name, label: v.label || v.name, kind: v.kind, variables: [v.name] });
      return;
    }
    if (emittedGroups.has(v.group)) return;
    emittedGroups.add(v.group);
    const members = (groups.get(v.group) ?? [i]).map((m) => variables[m]!);
    questions.push({
      id: v.group,
      label: groupLabel(
        members.map((m) => m.label),
        v.group,
      ),
      kind: 'multi',
      variables: members.map((m) => m.name),
    });
  });

  return {
    variables,
    questions,
    weightVariable: dataset.weightVariable,
    rowCount: dataset.cases.count,
    loops: [...new Set([...loops.values()].map((l) => l.id))],
  };
}
