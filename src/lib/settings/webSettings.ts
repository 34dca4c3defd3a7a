import { choiceField, httpUrlField, numberField, textField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** Default of MAX_CONCURRENT_RUNS. */
export const DEFAULT_MAX_CONCURRENT_RUNS = 2;
/** Default of RUN_MEMORY_BUDGET_MB: what the runs of one process may hold at once, on top of the process itself. */
export const DEFAULT_RUN_MEMORY_BUDGET_MB = 768;
/** Default of UPLOAD_MAX_BYTES (50 MiB). */
export const DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** Settings of the web app (storage, authentication, run and upload limits): read by the server only, never by CLI runs. */
export interface WebSettings {
  DATABASE_PATH: string;
  OUTPUT_ROOT: string;
  UPLOAD_ROOT: string;
  /** Signs and verifies access tokens; see authSecretProblem for what the server accepts. */
  AUTH_SECRET?: string;
  AUTH_BYPASS?: '0' | '1' | 'true' | 'false';
  MAX_CONCURRENT_RUNS: number;
  /** What the runs of one server or worker may hold in memory at once, in MiB (estimated from each .sav's decoded size). */
  RUN_MEMORY_BUDGET_MB: number;
  UPLOAD_MAX_BYTES: number;
  /** The Sentry organisation's URL (https://<org>.sentry.io): run pages link trace ids to its trace view. */
  SENTRY_ORG_URL?: string;
}

/** Web variables: an invalid value warns and falls back to its default (AUTH_SECRET is checked when the server starts). */
export const WEB_SPEC = {
  DATABASE_PATH: textField(),
  OUTPUT_ROOT: textField(),
  UPLOAD_ROOT: textField(),
  AUTH_SECRET: textField({ secret: true }),
  AUTH_BYPASS: choiceField(['0', '1', 'true', 'false'], { note: 'using the default (on in development, off otherwise)' }),
  MAX_CONCURRENT_RUNS: numberField({ min: 1, integer: true }, { note: `using the default (${DEFAULT_MAX_CONCURRENT_RUNS})` }),
  RUN_MEMORY_BUDGET_MB: numberField({ min: 1, integer: true }, { note: `using the default (${DEFAULT_RUN_MEMORY_BUDGET_MB})` }),
  UPLOAD_MAX_BYTES: numberField({ min: 1, integer: true }, { note: `using the default (${DEFAULT_UPLOAD_MAX_BYTES})` }),
  SENTRY_ORG_URL: httpUrlField({ note: 'run pages show trace ids without a link' }),
};

/** Read the web settings from `source` (no caching, no output), defaults applied. Never has errors: invalid values warn and fall back. */
export function readWebSettings(source: SettingsSource): PartReading<WebSettings> {
  const { values, errors, warnings } = readSettings(WEB_SPEC, source);
  const settings: WebSettings = {
    DATABASE_PATH: values.DATABASE_PATH ?? 'data/crosstab.db',
    OUTPUT_ROOT: values.OUTPUT_ROOT ?? 'outputs',
    UPLOAD_ROOT: values.UPLOAD_ROOT ?? 'data/uploads',
    AUTH_SECRET: values.AUTH_SECRET,
    AUTH_BYPASS: values.AUTH_BYPASS,
    MAX_CONCURRENT_RUNS: values.MAX_CONCURRENT_RUNS ?? DEFAULT_MAX_CONCURRENT_RUNS,
    RUN_MEMORY_BUDGET_MB: values.RUN_MEMORY_BUDGET_MB ?? DEFAULT_RUN_MEMORY_BUDGET_MB,
    UPLOAD_MAX_BYTES: values.UPLOAD_MAX_BYTES ?? DEFAULT_UPLOAD_MAX_BYTES,
    SENTRY_ORG_URL: values.SENTRY_ORG_URL?.replace(/\/+$/, ''),
  };
  return { settings, errors, warnings };
}

/** The process's web settings (process.env by default), validated once; invalid values are one warning each. Never throws. */
export const getWebSettings = settingsGetter('web', WEB_SPEC, readWebSettings);
