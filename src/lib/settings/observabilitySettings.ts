import { choiceField, isHttpUrl, numberField, textField, type SettingField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** The runtime modes the app knows; anything else is treated as production. */
export type NodeEnv = 'development' | 'production' | 'test';

/** Settings of the observability part (Sentry and the runtime mode): read by the server, edge and browser Sentry configs and by CLI runs. */
export interface ObservabilitySettings {
  NODE_ENV: NodeEnv;
  SENTRY_DSN?: string;
  SENTRY_ENVIRONMENT?: string;
  SENTRY_TRACES_SAMPLE_RATE?: number;
  /** Development only: "1"/"true" for the local Spotlight sidecar's default URL, or its URL. */
  SENTRY_SPOTLIGHT?: string;
}

/** A DSN as Sentry parses it: http(s)://<public key>@<host>[:port]/[path/]<numeric project id>. */
export function isSentryDsn(text: string): boolean {
  if (!isHttpUrl(text)) return false;
  const url = new URL(text);
  return url.username !== '' && /\/\d+\/?$/.test(url.pathname);
}

const sentryDsn: SettingField<string> = {
  parse: (raw) => (isSentryDsn(raw.trim()) ? raw.trim() : undefined),
  expected: 'a Sentry DSN (https://<key>@<host>/<project id>)',
  onInvalid: { note: 'Sentry stays off' },
  secret: true,
};

const spotlight: SettingField<string> = {
  parse: (raw) => {
    const v = raw.trim();
    return /^(0|1|true|false)$/i.test(v) || isHttpUrl(v) ? v : undefined;
  },
  expected: '1, true, 0, false or the sidecar’s http(s) URL',
  onInvalid: { note: 'Spotlight stays off' },
};

/** Observability variables and what an invalid value does: never an error, since instrumentation must not stop a run or the server. */
export const OBSERVABILITY_SPEC = {
  NODE_ENV: choiceField(['development', 'production', 'test'], { use: 'production', note: 'treated as production' }),
  SENTRY_DSN: sentryDsn,
  SENTRY_ENVIRONMENT: textField(),
  SENTRY_TRACES_SAMPLE_RATE: numberField({ min: 0, max: 1 }, { note: 'using the default (1.0, or 0.2 in production)' }),
  SENTRY_SPOTLIGHT: spotlight,
};

/** Read the observability settings from `source` (no caching, no output). Never has errors: invalid values warn and fall back. */
export function readObservabilitySettings(source: SettingsSource): PartReading<ObservabilitySettings> {
  const { values, errors, warnings } = readSettings(OBSERVABILITY_SPEC, source);
  const settings: ObservabilitySettings = {
    NODE_ENV: values.NODE_ENV ?? 'development',
    SENTRY_DSN: values.SENTRY_DSN,
    SENTRY_ENVIRONMENT: values.SENTRY_ENVIRONMENT,
    SENTRY_TRACES_SAMPLE_RATE: values.SENTRY_TRACES_SAMPLE_RATE,
    SENTRY_SPOTLIGHT: values.SENTRY_SPOTLIGHT,
  };
  return { settings, errors, warnings };
}

/** The process's observability settings (process.env by default), validated once; invalid values are one warning each. Never throws. */
export const getObservabilitySettings = settingsGetter('observability', OBSERVABILITY_SPEC, readObservabilitySettings);
