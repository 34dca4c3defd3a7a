import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@/lib/core/inputLimits';
import { choiceField, numberField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** Where a run's CPU-bound stages run: by the decoded size of its .sav (auto), always in a worker thread, or never. */
export type StageWorkersMode = 'auto' | 'always' | 'never';

/** Settings of the pipeline itself (how its stages run, how much a run may read): read by CLI runs and the server. */
export interface PipelineSettings {
  STAGE_WORKERS: StageWorkersMode;
  /** The run's input limits, from SAV_MAX_DECODED_MB, SAV_MAX_ZLIB_BLOCK_MB, SAV_MAX_CELLS, SAV_MAX_VARIABLES, MAX_TABLES. */
  limits: InputLimits;
}

const MIB = 1024 * 1024;
const defaultNote = (value: number) => ({ note: `using the default (${value.toLocaleString('en-US')})` });

/** Pipeline variables: an invalid value is one warning and its default (a limit never turns into "no limit"). */
export const PIPELINE_SPEC = {
  STAGE_WORKERS: choiceField(['auto', 'always', 'never'], { note: 'using the default (auto)' }),
  SAV_MAX_DECODED_MB: numberField({ min: 1, max: 1024 * 1024, integer: true }, defaultNote(DEFAULT_INPUT_LIMITS.maxDecodedBytes / MIB)),
  SAV_MAX_ZLIB_BLOCK_MB: numberField({ min: 1, max: 1024, integer: true }, defaultNote(DEFAULT_INPUT_LIMITS.maxZlibBlockBytes / MIB)),
  SAV_MAX_CELLS: numberField({ min: 1, integer: true }, defaultNote(DEFAULT_INPUT_LIMITS.maxCells)),
  SAV_MAX_VARIABLES: numberField({ min: 1, integer: true }, defaultNote(DEFAULT_INPUT_LIMITS.maxVariables)),
  MAX_TABLES: numberField({ min: 1, integer: true }, defaultNote(DEFAULT_INPUT_LIMITS.maxTables)),
};

/** Read the pipeline settings from `source` (no caching, no output), defaults applied. Never has errors. */
export function readPipelineSettings(source: SettingsSource): PartReading<PipelineSettings> {
  const { values, errors, warnings } = readSettings(PIPELINE_SPEC, source);
  const mib = (value: number | undefined) => (value === undefined ? undefined : value * MIB);
  const limits: InputLimits = {
    maxDecodedBytes: mib(values.SAV_MAX_DECODED_MB) ?? DEFAULT_INPUT_LIMITS.maxDecodedBytes,
    maxZlibBlockBytes: mib(values.SAV_MAX_ZLIB_BLOCK_MB) ?? DEFAULT_INPUT_LIMITS.maxZlibBlockBytes,
    maxCells: values.SAV_MAX_CELLS ?? DEFAULT_INPUT_LIMITS.maxCells,
    maxVariables: values.SAV_MAX_VARIABLES ?? DEFAULT_INPUT_LIMITS.maxVariables,
    maxTables: values.MAX_TABLES ?? DEFAULT_INPUT_LIMITS.maxTables,
  };
  return { settings: { STAGE_WORKERS: values.STAGE_WORKERS ?? 'auto', limits }, errors, warnings };
}

/** The process's pipeline settings (process.env by default), validated once; an invalid value is one warning. Never throws. */
export const getPipelineSettings = settingsGetter('pipeline', PIPELINE_SPEC, readPipelineSettings);
