import type { InputLimits } from '@/lib/core/inputLimits';
import type { Banner, CrosstabTable, DataMap, SavDataset, TableDefinition } from '@/lib/core/types';
import type { ExportMeta } from '../stages/ExcelExport';
import type { LoopDecision } from '../stages/loopStacking';

/** The files the validation stage reads. */
export interface ValidationInputs {
  savPath: string;
  bannerPath?: string;
  surveyPath?: string;
  labels?: { sav?: string; banner?: string; survey?: string };
  /** What the run may read and make (default: DEFAULT_INPUT_LIMITS). */
  limits?: InputLimits;
}

/** A dataset as the rest of the run sees it: the dictionary and the number of cases; the cases stay with the computation. */
export interface DatasetInfo extends Omit<SavDataset, 'cases'> {
  rowCount: number;
}

/** What the validation stage hands on. */
export interface ValidatedInputs {
  dataset: DatasetInfo;
  bannerText: string | null;
  surveyText: string | null;
  warnings: string[];
  /** The warning when a declared weight is 0 for every case (computed where the rows are), else null. */
  zeroWeights: string | null;
}

/** What CrosstabComputation needs besides the dataset: the tables, the loop decisions and the banner. */
export interface CrosstabRequest {
  tables: TableDefinition[];
  policies: LoopDecision[];
  banner: Banner;
  significance: boolean;
}

/** What ExcelExport writes: the computed tables, as tables.json and as the workbook. */
export interface ExportRequest {
  tables: CrosstabTable[];
  tablesPath: string;
  workbookPath: string;
  meta: ExportMeta;
}

/**
 * The CPU-bound work of one run, kept beside the dataset it reads: the .sav is read once and its rows never cross
 * this boundary; inputs go in and results come out as plain, structured-clone friendly values. Every call stops with
 * PipelineCancelledError once the run is cancelled. `close()` releases the dataset (and the thread holding it).
 */
export interface CpuStages {
  /** `validation`: read the .sav and the optional documents, rejecting unusable input. */
  validate(inputs: ValidationInputs): Promise<ValidatedInputs>;
  /** `DataMapProcessor`. */
  buildDataMap(): Promise<DataMap>;
  /** `TableGenerator`. */
  generateTables(dataMap: DataMap): Promise<TableDefinition[]>;
  /** `CrosstabComputation`: stacked loops applied, then every table computed. */
  computeCrosstabs(request: CrosstabRequest): Promise<CrosstabTable[]>;
  /** `ExcelExport`: tables.json, then the workbook. */
  exportFiles(request: ExportRequest): Promise<void>;
  close(): Promise<void>;
}

/** The calls a CpuStages answers (everything but close). */
export type CpuCall = Exclude<keyof CpuStages, 'close'>;
