import { choiceField, httpUrlField, textField, type SettingField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** The model providers the model layer can build. */
export type ModelProviderName = 'local' | 'openai' | 'azure';

/** Settings of the model layer (which provider the agents call, with what credentials): read by CLI runs and the server. */
export interface ModelSettings {
  LLM_PROVIDER?: ModelProviderName;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  LLM_MODEL?: string;
  AZURE_OPENAI_API_KEY?: string;
  AZURE_OPENAI_RESOURCE_NAME?: string;
  /** Azure deployment names mapped to priced model ids: "deploy-a=gpt-4o,deploy-b=gpt-4o-mini". */
  AZURE_DEPLOYMENT_MODELS?: string;
}

const DEPLOYMENT_PAIR = /^\s*[^=,\s][^=,]*=\s*[^=,\s][^=,]*$/;

const deploymentModels: SettingField<string> = {
  parse: (raw) => (raw.split(',').every((pair) => pair.trim() === '' || DEPLOYMENT_PAIR.test(pair)) ? raw.trim() : undefined),
  expected: 'deployment=model pairs separated by commas',
  onInvalid: 'error',
};

/** Model-layer variables: an invalid value is an error, since a run cannot call the model it was configured for. */
export const MODEL_SPEC = {
  LLM_PROVIDER: choiceField(['local', 'openai', 'azure'], 'error'),
  OPENAI_API_KEY: textField({ secret: true }),
  OPENAI_BASE_URL: httpUrlField('error'),
  LLM_MODEL: textField(),
  AZURE_OPENAI_API_KEY: textField({ secret: true }),
  AZURE_OPENAI_RESOURCE_NAME: textField(),
  AZURE_DEPLOYMENT_MODELS: deploymentModels,
};

/** The provider the settings select: LLM_PROVIDER if set, else OpenAI when a key is present, else the local model. */
export function selectedProviderName(settings: ModelSettings): ModelProviderName {
  return settings.LLM_PROVIDER ?? (settings.OPENAI_API_KEY ? 'openai' : 'local');
}

/** What the selected provider lacks, as one line naming the variables; null when it has everything. */
export function missingProviderSettings(settings: ModelSettings): string | null {
  const kind = selectedProviderName(settings);
  if (kind === 'openai' && !settings.OPENAI_API_KEY) return 'LLM_PROVIDER=openai needs OPENAI_API_KEY';
  if (kind === 'azure') {
    const missing = (['AZURE_OPENAI_RESOURCE_NAME', 'AZURE_OPENAI_API_KEY', 'LLM_MODEL'] as const).filter((k) => !settings[k]);
    if (missing.length > 0) return `LLM_PROVIDER=azure needs ${missing.join(', ')} (LLM_MODEL is the deployment name)`;
  }
  return null;
}

/** Read the model settings from `source` (no caching, no output), with an error for each invalid value and for what the chosen provider lacks. */
export function readModelSettings(source: SettingsSource): PartReading<ModelSettings> {
  const { values: settings, errors, warnings } = readSettings(MODEL_SPEC, source);
  const missing = errors.length === 0 ? missingProviderSettings(settings) : null;
  return { settings, errors: missing ? [...errors, missing] : errors, warnings };
}

/** The process's model settings (process.env by default), validated once; throws one SettingsError when a run could not call its model. */
export const getModelSettings = settingsGetter('model', MODEL_SPEC, readModelSettings);
