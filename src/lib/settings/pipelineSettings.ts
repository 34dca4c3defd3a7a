import { choiceField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** Where a run's CPU-bound stages run: by the size of its .sav (auto), always in a worker thread, or never. */
export type StageWorkersMode = 'auto' | 'always' | 'never';

/** Settings of the pipeline itself (how its stages run): read by CLI runs and the server. */
export interface PipelineSettings {
  STAGE_WORKERS: StageWorkersMode;
}

/** Pipeline variables: an invalid value is one warning and its default (where stages run never changes what they compute). */
export const PIPELINE_SPEC = {
  STAGE_WORKERS: choiceField(['auto', 'always', 'never'], { note: 'using the default (auto)' }),
};

/** Read the pipeline settings from `source` (no caching, no output), defaults applied. Never has errors. */
export function readPipelineSettings(source: SettingsSource): PartReading<PipelineSettings> {
  const { values, errors, warnings } = readSettings(PIPELINE_SPEC, source);
  return { settings: { STAGE_WORKERS: values.STAGE_WORKERS ?? 'auto' }, errors, warnings };
}

/** The process's pipeline settings (process.env by default), validated once; an invalid value is one warning. Never throws. */
export const getPipelineSettings = settingsGetter('pipeline', PIPELINE_SPEC, readPipelineSettings);
