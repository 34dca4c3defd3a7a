import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CooperativeClock } from '@/lib/core/cooperative';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@/lib/core/inputLimits';
import type { CrosstabTable, DataMap, SavDataset, TableDefinition } from '@/lib/core/types';
import { zeroWeightsWarning } from '../hollowResults';
import { computeCrosstabsCooperatively } from '../stages/CrosstabComputation';
import { buildDataMapCooperatively } from '../stages/DataMapProcessor';
import { writeTablesJson, writeWorkbook } from '../stages/ExcelExport';
import { applyLoopPolicies } from '../stages/loopStacking';
import { generateTablesCooperatively } from '../stages/TableGenerator';
import { runValidation } from '../stages/validation';
import type { CpuStages, CrosstabRequest, ExportRequest, ValidatedInputs, ValidationInputs } from './CpuStages';

/**
 * The CPU-bound stages of one run on the thread that calls them, holding the dataset between calls. Long loops pause
 * at cooperative checkpoints (so the thread keeps serving its event loop) and stop once `signal` fires. Used inline, and
 * inside the stage worker.
 */
export class RunComputation implements CpuStages {
  private dataset: SavDataset | null = null;
  private limits: InputLimits = DEFAULT_INPUT_LIMITS;

  constructor(private readonly signal: AbortSignal) {}

  async validate(inputs: ValidationInputs): Promise<ValidatedInputs> {
    this.limits = inputs.limits ?? DEFAULT_INPUT_LIMITS;
    const { dataset, bannerText, surveyText, warnings } = await runValidation(inputs, { clock: this.clock() });
    this.dataset = dataset;
    const { cases, ...dictionary } = dataset;
    return { dataset: { ...dictionary, rowCount: cases.count }, bannerText, surveyText, warnings, zeroWeights: zeroWeightsWarning(dataset) };
  }

  buildDataMap(): Promise<DataMap> {
    return buildDataMapCooperatively(this.read(), this.clock());
  }

  generateTables(dataMap: DataMap): Promise<TableDefinition[]> {
    return generateTablesCooperatively(dataMap, this.read(), this.clock(), this.limits.maxTables);
  }

  async computeCrosstabs({ tables, policies, banner, significance }: CrosstabRequest): Promise<CrosstabTable[]> {
    const dataset = this.read();
    const plan = applyLoopPolicies(tables, policies, dataset);
    const options = { weightVariable: dataset.weightVariable, significance, signal: this.signal };
    const clock = this.clock();
    const computed = await computeCrosstabsCooperatively(plan.tables, banner, dataset, options, clock);
    for (const s of plan.stacked) computed.push(...(await computeCrosstabsCooperatively([s.table], banner, s.dataset, options, clock)));
    return computed;
  }

  async exportFiles({ tables, tablesPath, workbookPath, meta }: ExportRequest): Promise<void> {
    await mkdir(path.dirname(tablesPath), { recursive: true });
    await writeTablesJson(tables, tablesPath, meta);
    await writeWorkbook(tables, workbookPath, meta, this.clock());
  }

  async close(): Promise<void> {
    this.dataset = null;
  }

  /** Each call is one sequential stretch of work, with a clock of its own. */
  private clock(): CooperativeClock {
    return new CooperativeClock(this.signal);
  }

  private read(): SavDataset {
    if (!this.dataset) throw new Error('no dataset: the validation stage has not read one');
    return this.dataset;
  }
}
