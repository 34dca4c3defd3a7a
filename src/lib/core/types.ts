import type { CaseTable } from './CaseTable';
import type { StageStatus } from './vocabulary';

/**
 * Data contracts shared by the pipeline stages, the agents and the runner.
 * Every stage reads and writes these shapes; nothing else crosses a stage boundary.
 */

/** Names of the pipeline stages, in run order (used in events, spans and summaries). */
export const STAGE_NAMES = [
  'validation',
  'DataMapProcessor',
  'BannerAgent',
  'CrosstabAgent',
  'TableGenerator',
  'SkipLogicAgent',
  'FilterApplicator',
  'VerificationAgent',
  'LoopSemanticsPolicyAgent',
  'CrosstabComputation',
  'ExcelExport',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Names of the seven agents. */
export const AGENT_NAMES = [
  'BannerAgent',
  'BannerGenerateAgent',
  'CrosstabAgent',
  'SkipLogicAgent',
  'FilterTranslatorAgent',
  'VerificationAgent',
  'LoopSemanticsPolicyAgent',
] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/** One cell value as read from the .sav: numbers for numeric variables, strings for string ones, null when system-missing. */
export type CellValue = number | string | null;

/** A value label pair from the .sav dictionary. */
export interface ValueLabel {
  value: number | string;
  label: string;
}

/** One variable of the .sav dictionary. */
export interface SavVariable {
  name: string;
  label: string;
  type: 'numeric' | 'string';
  /** User-missing values (discrete) and/or range, as declared in the file. */
  missing: { values: Array<number | string>; range?: { low: number; high: number } };
  valueLabels: ValueLabel[];
  /** Measurement level when the file declares one. */
  measure?: 'nominal' | 'ordinal' | 'scale';
}

/** A multiple-response set declared in the .sav dictionary (SPSS/PSPP `MRSETS`). */
export interface MultiResponseSet {
  /** The set's name, with its leading `$` (`$used`). */
  name: string;
  /** The set's label (the first member's variable label when the file says to take it from there); may be empty. */
  label: string;
  /** `dichotomy`: each member counts when it holds `countedValue`; `category`: members hold codes counted across them. */
  type: 'dichotomy' | 'category';
  /** Member variable names, in the set's order. */
  variables: string[];
  /** Dichotomy sets: the value that counts as "selected". */
  countedValue?: number | string;
  /** Dichotomy sets: label each member by its variable label, or by its value label of the counted value. */
  categoryLabels?: 'varlabels' | 'countedvalues';
}

/** A whole .sav file in memory: dictionary plus cases (`cases.value(i, r)` is variables[i] of case r). */
export interface SavDataset {
  fileName: string;
  variables: SavVariable[];
  cases: CaseTable;
  /** Name of the weight variable declared in the file header, if any. */
  weightVariable: string | null;
  encoding: string;
  /** Multiple-response sets the dictionary declares (absent or empty when it declares none). */
  multiResponseSets?: MultiResponseSet[];
}

/** How a question is shaped, as inferred by DataMapProcessor. */
export type QuestionKind = 'single' | 'multi' | 'numeric' | 'text' | 'id' | 'weight';

/** One entry of the data map. */
export interface DataMapVariable {
  name: string;
  label: string;
  type: 'numeric' | 'string';
  kind: QuestionKind;
  valueLabels: ValueLabel[];
  missingValues: Array<number | string>;
  /** For multi-response sets: the parent question id shared by the columns (e.g. "Q5" for Q5_1..Q5_6, "$used" for a declared set). */
  group?: string;
  /** For looped (stacked) variables: the loop id and iteration (e.g. "L", 2 for Q10_L2). */
  loop?: { id: string; iteration: number };
  /** Count of non-missing values (for a numeric question, not counting its codes in `nonAnswers`). */
  answered: number;
  /**
   * A numeric question's codes labelled as non-answers ("Refused", "Don't know"…) that the file does not declare
   * missing, with how many cases hold each: its tables leave them out like missing values.
   */
  nonAnswers?: Array<{ value: number; label: string; count: number }>;
}

/** A reportable question: one variable, or a multi-response group of binary variables or declared set. */
export interface DataMapQuestion {
  id: string;
  label: string;
  kind: QuestionKind;
  variables: string[];
  /** For a multi-response set declared in the file's dictionary: the set (its id is the set's name). */
  declaredSet?: MultiResponseSet;
}

/** Output of DataMapProcessor. */
export interface DataMap {
  variables: DataMapVariable[];
  questions: DataMapQuestion[];
  weightVariable: string | null;
  rowCount: number;
  /** Loop ids detected from variable names; empty when the data is not looped. */
  loops: string[];
}

/** One banner column: a label plus a filter expression over the data (see src/lib/filters). */
export interface BannerColumn {
  id: string;
  label: string;
  /** Filter expression in the project's filter language, e.g. `Q1 == 2` or `Q3 in (1, 2)`. */
  expression: string;
  /** 0..1, how sure the CrosstabAgent is of the mapping. */
  confidence: number;
  /** Human-readable description from the banner plan ("Women", "Age 18-34"). */
  source?: string;
}

/** A banner group (e.g. "Gender") and its columns. */
export interface BannerGroup {
  id: string;
  label: string;
  columns: BannerColumn[];
}

/** The banner: Total is implicit and always first. */
export interface Banner {
  groups: BannerGroup[];
  /** 'plan' when read from a banner plan document, 'generated' when BannerGenerateAgent proposed it. */
  origin: 'plan' | 'generated';
}

/** One row of a table: a value (or set of values, for NETs) of the table's question. */
export interface TableRow {
  id: string;
  label: string;
  /** For single questions and category sets: the codes counted. For other multi-response tables: the variable names counted as selected. */
  codes: Array<number | string>;
  isNet?: boolean;
}

/**
 * How a multi-response table built from a declared set reads its members: a dichotomy set's rows are members counted
 * when they hold `countedValue`; a category set's rows are codes, counted when any member holds one of them.
 */
export type ResponseSetReading = { type: 'dichotomy'; countedValue: number | string } | { type: 'category' };

/** One crosstab table definition. */
export interface TableDefinition {
  id: string;
  questionId: string;
  title: string;
  kind: 'single' | 'multi' | 'numeric';
  variables: string[];
  rows: TableRow[];
  /** Multi-response tables of a declared set; absent for name-detected groups (binary items, "selected" read from labels). */
  responseSet?: ResponseSetReading;
  /** Base filter expression (who was asked); undefined means all respondents. */
  baseFilter?: string;
  baseLabel: string;
  /** VerificationAgent may mark a table low-value; it is still exported, after the others. */
  lowValue?: boolean;
  notes: string[];
}

/** A skip/show rule from the survey document, as extracted by SkipLogicAgent. */
export interface SkipRule {
  id: string;
  /** The question ids the rule applies to. */
  appliesTo: string[];
  /** Verbatim condition text from the survey ("Ask if Q1 = 1 or 2"). */
  conditionText: string;
  /** Filled in by FilterTranslatorAgent. */
  expression?: string;
  confidence?: number;
  /** Why the condition was not translated (no expression): what the translator found in the text. */
  reason?: string;
}

/** One computed cell. */
export interface CrosstabCell {
  count: number;
  /** Column percent 0..100, null when the column base is 0. */
  percent: number | null;
  /** Significance letters of the columns this cell is significantly higher than (within its banner group). */
  sig?: string[];
}

/** One computed table. */
export interface CrosstabTable {
  tableId: string;
  title: string;
  baseLabel: string;
  /** Column ids in order: "total" then every banner column. */
  columns: Array<{ id: string; label: string; group: string; letter: string }>;
  /** Weighted base per column (unweighted when the data has no weight). */
  bases: number[];
  unweightedBases: number[];
  rows: Array<{ id: string; label: string; isNet: boolean; cells: CrosstabCell[] }>;
  /** Mean/median etc. for numeric questions. */
  stats?: Array<{ label: string; values: Array<number | null> }>;
  lowValue: boolean;
  /** What a reader of the table must know about it (its routing not read, NETs not added, stacked loops); absent when none. */
  notes?: string[];
}

export type { RunOutcome, StageStatus } from './vocabulary';

/**
 * One stage of a run as it stands now: the one stage model. The canonical line, the stage spans, the run summary's
 * stageTiming and the web run record are all views of these.
 */
export interface StageState {
  name: string;
  status: 'running' | StageStatus;
  /** Milliseconds from the run's start to the stage's start (and end, once it has ended). */
  startOffsetMs: number;
  endOffsetMs?: number;
  /** Set once the stage has ended (0 for a skipped stage). */
  durationMs?: number;
  /** A failed stage's error (type: message). */
  error?: string;
  /** Why a stage was skipped or cancelled. */
  reason?: string;
  /** What a finished stage produced, in a few words ("16 tables"). */
  detail?: string;
}

/** Timing of one stage (PipelineRunner's stageTiming). */
export interface StageTiming {
  status: StageStatus;
  durationMs: number;
  startedAt: string;
  error?: string;
}
