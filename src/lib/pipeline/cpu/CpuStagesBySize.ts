import { measureSav } from '@/lib/sav';
import type { CpuStages, CrosstabRequest, ExportRequest, ValidatedInputs, ValidationInputs } from './CpuStages';

/**
 * A run's CPU-bound stages where its size says, decided by the first call (validation) from the .sav's decoded size
 * (its header, dictionary and ZLIB trailer read, no case decoded; never its size on disk, which a compressed file makes
 * tiny): from `minDecodedBytes` up in a worker thread (`inWorker`), below it on this thread (`inThread`), where starting
 * a thread would cost more than the few cooperative slices it saves. A .sav that cannot be measured is read on this
 * thread, which stops at the same broken header or dictionary, before any case, and reports why.
 */
export class CpuStagesBySize implements CpuStages {
  private chosen: CpuStages | null = null;

  constructor(
    private readonly minDecodedBytes: number,
    private readonly inThread: () => CpuStages,
    private readonly inWorker: () => CpuStages,
  ) {}

  async validate(inputs: ValidationInputs): Promise<ValidatedInputs> {
    const decoded = await measureSav(inputs.savPath).then(
      (m) => m.decodedBytes,
      () => 0,
    );
    this.chosen ??= decoded >= this.minDecodedBytes ? this.inWorker() : this.inThread();
    return this.chosen.validate(inputs);
  }

  buildDataMap() {
    return this.stages().buildDataMap();
  }

  generateTables(...args: Parameters<CpuStages['generateTables']>) {
    return this.stages().generateTables(...args);
  }

  computeCrosstabs(request: CrosstabRequest) {
    return this.stages().computeCrosstabs(request);
  }

  exportFiles(request: ExportRequest) {
    return this.stages().exportFiles(request);
  }

  async close(): Promise<void> {
    await this.chosen?.close();
  }

  private stages(): CpuStages {
    if (!this.chosen) throw new Error('no dataset: the validation stage has not read one');
    return this.chosen;
  }
}
