import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '@/lib/env';
import { isAuthBypassEnabled } from '@/lib/auth/bypass';
import { buildSentryOptions } from '@/lib/observability/sentry/sentryOptions';
import { MODEL_SPEC, getModelSettings, readModelSettings } from '@/lib/settings/modelSettings';
import { OBSERVABILITY_SPEC, getObservabilitySettings, readObservabilitySettings } from '@/lib/settings/observabilitySettings';
import { PIPELINE_SPEC, readPipelineSettings } from '@/lib/settings/pipelineSettings';
import {
  WEB_SPEC,
  getWebSettings,
  readWebSettings,
  DEFAULT_MAX_CONCURRENT_RUNS,
  DEFAULT_RUN_MEMORY_BUDGET_MB,
  DEFAULT_UPLOAD_MAX_BYTES,
} from '@/lib/settings/webSettings';
import { resetSettings } from '@/lib/settings/settingsCache';
import { SettingsError } from '@/lib/settings/SettingsError';
import { spyOperatorLog } from '../support/operatorLog';
import { DEFAULT_INPUT_LIMITS } from '@/lib/core/inputLimits';
import { readDistributedSettings } from '@/lib/settings/distributedSettings';
import { serverStartupProblems } from '@/lib/settings/serverStartupProblems';

afterEach(() => {
  resetSettings();
  vi.restoreAllMocks();
});

const ALL_VARIABLES = [...Object.keys(OBSERVABILITY_SPEC), ...Object.keys(PIPELINE_SPEC), ...Object.keys(MODEL_SPEC), ...Object.keys(WEB_SPEC)];

const DEFAULTS = {
  NODE_ENV: 'development',
  STAGE_WORKERS: 'auto',
  limits: DEFAULT_INPUT_LIMITS,
  DATABASE_PATH: 'data/crosstab.db',
  OUTPUT_ROOT: 'outputs',
  UPLOAD_ROOT: 'data/uploads',
  MAX_CONCURRENT_RUNS: DEFAULT_MAX_CONCURRENT_RUNS,
  RUN_MEMORY_BUDGET_MB: DEFAULT_RUN_MEMORY_BUDGET_MB,
  UPLOAD_MAX_BYTES: DEFAULT_UPLOAD_MAX_BYTES,
};

/** Every part read from one source: values, errors and warnings together. */
function readAll(source: Record<string, string>) {
  const readings = [readObservabilitySettings(source), readPipelineSettings(source), readModelSettings(source), readWebSettings(source)];
  return {
    values: Object.fromEntries(Object.entries(Object.assign({}, ...readings.map((r) => r.settings))).filter(([, v]) => v !== undefined)),
    errors: readings.flatMap((r) => r.errors),
    warnings: readings.flatMap((r) => r.warnings),
  };
}

describe('empty means unset, for every variable', () => {
  it.each(
    ALL_VARIABLES.flatMap((name) => [
      [name, ''],
      [name, '   '],
    ]),
  )('%s=%j is the default, with no error or warning', (name, value) => {
    expect(readAll({ [name]: value })).toEqual({ values: DEFAULTS, errors: [], warnings: [] });
  });

  it('all of them empty at once (a docker-compose file listing every variable) is the defaults, and readEnv does not throw', () => {
    const source = Object.fromEntries(ALL_VARIABLES.map((name) => [name, '']));
    expect(readAll(source)).toEqual({ values: DEFAULTS, errors: [], warnings: [] });
    expect(() => readEnv(source)).not.toThrow();
  });
});

describe('observability settings: an invalid value is one warning and its default, never an error', () => {
  it.each(['abc', '1.5', '-0.1', '0x1', 'Infinity', 'NaN', '1e-1', '0.5abc'])(
    'SENTRY_TRACES_SAMPLE_RATE=%j warns and falls back to the default rate',
    (value) => {
      const { settings, errors, warnings } = readObservabilitySettings({ SENTRY_TRACES_SAMPLE_RATE: value, SENTRY_DSN: 'https://k@o1.ingest.example/42' });
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1 \(got ".*"\); using the default/);
      expect(settings.SENTRY_TRACES_SAMPLE_RATE).toBeUndefined();
      expect(settings.SENTRY_DSN).toBe('https://k@o1.ingest.example/42');
    },
  );

  it('accepts plain rates in range, with surrounding blanks', () => {
    expect(readObservabilitySettings({ SENTRY_TRACES_SAMPLE_RATE: ' 0.25 ' }).settings.SENTRY_TRACES_SAMPLE_RATE).toBe(0.25);
    expect(readObservabilitySettings({ SENTRY_TRACES_SAMPLE_RATE: '0' }).settings.SENTRY_TRACES_SAMPLE_RATE).toBe(0);
    expect(readObservabilitySettings({ SENTRY_TRACES_SAMPLE_RATE: '1' }).settings.SENTRY_TRACES_SAMPLE_RATE).toBe(1);
  });

  it.each(['staging', 'prod', 'PRODUCTION', 'dev'])('NODE_ENV=%j warns and is treated as production: no auth bypass, production privacy in Sentry', (value) => {
    const { settings, errors, warnings } = readObservabilitySettings({ NODE_ENV: value });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([`NODE_ENV must be one of development, production, test (got ${JSON.stringify(value)}); treated as production`]);
    expect(settings.NODE_ENV).toBe('production');
    expect(isAuthBypassEnabled({ NODE_ENV: settings.NODE_ENV })).toBe(false);
    const options = buildSentryOptions({ dsn: 'https://k@o1.ingest.example/42', nodeEnv: settings.NODE_ENV });
    expect(options.dataCollection).toMatchObject({ userInfo: false, cookies: false, httpHeaders: false });
  });

  it.each(['not a dsn', 'https://o1.ingest.example/42', 'ftp://k@host/1', 'https://k@host/project'])(
    'SENTRY_DSN=%j warns that Sentry stays off, without quoting the value',
    (value) => {
      const { settings, errors, warnings } = readObservabilitySettings({ SENTRY_DSN: value });
      expect(errors).toEqual([]);
      expect(warnings).toEqual(['SENTRY_DSN must be a Sentry DSN (https://<key>@<host>/<project id>); Sentry stays off']);
      expect(settings.SENTRY_DSN).toBeUndefined();
    },
  );

  it('SENTRY_SPOTLIGHT=junk warns and leaves Spotlight off; 1, false and URLs are accepted', () => {
    expect(readObservabilitySettings({ SENTRY_SPOTLIGHT: 'yes please' }).warnings).toEqual([
      'SENTRY_SPOTLIGHT must be 1, true, 0, false or the sidecar’s http(s) URL (got "yes please"); Spotlight stays off',
    ]);
    for (const ok of ['1', 'false', 'http://localhost:8969/stream'])
      expect(readObservabilitySettings({ SENTRY_SPOTLIGHT: ok }).settings.SENTRY_SPOTLIGHT).toBe(ok);
  });
});

describe('web settings: an invalid value is one warning and its default', () => {
  it.each([
    ['MAX_CONCURRENT_RUNS', 'abc', DEFAULT_MAX_CONCURRENT_RUNS],
    ['MAX_CONCURRENT_RUNS', '0', DEFAULT_MAX_CONCURRENT_RUNS],
    ['MAX_CONCURRENT_RUNS', '1.5', DEFAULT_MAX_CONCURRENT_RUNS],
    ['MAX_CONCURRENT_RUNS', '-3', DEFAULT_MAX_CONCURRENT_RUNS],
    ['UPLOAD_MAX_BYTES', '50MB', DEFAULT_UPLOAD_MAX_BYTES],
    ['UPLOAD_MAX_BYTES', '1e9', DEFAULT_UPLOAD_MAX_BYTES],
    ['UPLOAD_MAX_BYTES', '99999999999999999999', DEFAULT_UPLOAD_MAX_BYTES],
  ] as const)('%s=%j warns and uses %d', (name, value, fallback) => {
    const { settings, errors, warnings } = readWebSettings({ [name]: value });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${name} must be a whole number of at least 1 \\(got ".*"\\); using the default \\(${fallback}\\)$`));
    expect(settings[name]).toBe(fallback);
  });

  it('AUTH_BYPASS=yes warns and keeps the per-mode default', () => {
    const { settings, warnings } = readWebSettings({ AUTH_BYPASS: 'yes' });
    expect(warnings).toEqual(['AUTH_BYPASS must be one of 0, 1, true, false (got "yes"); using the default (on in development, off otherwise)']);
    expect(settings.AUTH_BYPASS).toBeUndefined();
  });

  it('SENTRY_ORG_URL takes an http(s) URL (trailing slashes dropped); anything else warns and run pages show no Sentry links', () => {
    expect(readWebSettings({ SENTRY_ORG_URL: ' https://acme.sentry.io/ ' })).toMatchObject({
      settings: { SENTRY_ORG_URL: 'https://acme.sentry.io' },
      warnings: [],
    });
    const { settings, warnings } = readWebSettings({ SENTRY_ORG_URL: 'acme.sentry.io' });
    expect(warnings).toEqual(['SENTRY_ORG_URL must be an http(s) URL (got "acme.sentry.io"); run pages show trace ids without a link']);
    expect(settings.SENTRY_ORG_URL).toBeUndefined();
  });

  it('never quotes AUTH_SECRET, and keeps it exactly as set', () => {
    const secret = '  spaced-secret-0123456789-abcdefghij  ';
    expect(readWebSettings({ AUTH_SECRET: secret }).settings.AUTH_SECRET).toBe(secret);
  });
});

describe('pipeline settings: an invalid value is one warning and its default', () => {
  it('STAGE_WORKERS takes auto, always or never; anything else warns and is auto', () => {
    for (const mode of ['auto', 'always', 'never', ' never '])
      expect(readPipelineSettings({ STAGE_WORKERS: mode })).toEqual({
        settings: { STAGE_WORKERS: mode.trim(), limits: DEFAULT_INPUT_LIMITS },
        errors: [],
        warnings: [],
      });
    expect(readPipelineSettings({ STAGE_WORKERS: 'off' })).toEqual({
      settings: { STAGE_WORKERS: 'auto', limits: DEFAULT_INPUT_LIMITS },
      errors: [],
      warnings: ['STAGE_WORKERS must be one of auto, always, never (got "off"); using the default (auto)'],
    });
  });

  it('the input limits take whole numbers (sizes in MiB); anything else warns and keeps the default, never "no limit"', () => {
    const read = readPipelineSettings({
      SAV_MAX_DECODED_MB: '64',
      SAV_MAX_ZLIB_BLOCK_MB: '8',
      SAV_MAX_CELLS: '1000',
      SAV_MAX_VARIABLES: '50',
      MAX_TABLES: '7',
    });
    expect(read).toEqual({
      settings: {
        STAGE_WORKERS: 'auto',
        limits: { maxDecodedBytes: 64 * 1024 * 1024, maxZlibBlockBytes: 8 * 1024 * 1024, maxCells: 1000, maxVariables: 50, maxTables: 7 },
      },
      errors: [],
      warnings: [],
    });
    for (const junk of ['0', '-5', '1.5', 'lots', 'Infinity', '1e9']) {
      const reading = readPipelineSettings({ SAV_MAX_CELLS: junk, MAX_TABLES: junk });
      expect(reading.settings.limits).toEqual(DEFAULT_INPUT_LIMITS);
      expect(reading.errors).toEqual([]);
      expect(reading.warnings).toEqual([
        `SAV_MAX_CELLS must be a whole number of at least 1 (got "${junk}"); using the default (25,000,000)`,
        `MAX_TABLES must be a whole number of at least 1 (got "${junk}"); using the default (2,000)`,
      ]);
    }
  });
});

describe('model settings: an invalid value is an error naming the variable', () => {
  it.each([
    [{ LLM_PROVIDER: 'opneai' }, 'LLM_PROVIDER must be one of local, openai, azure (got "opneai")'],
    [{ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'localhost:8080/v1' }, 'OPENAI_BASE_URL must be an http(s) URL (got "localhost:8080/v1")'],
    [
      { LLM_PROVIDER: 'azure', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_RESOURCE_NAME: 'r', LLM_MODEL: 'd', AZURE_DEPLOYMENT_MODELS: 'd:gpt-4o' },
      'AZURE_DEPLOYMENT_MODELS must be deployment=model pairs separated by commas (got "d:gpt-4o")',
    ],
    [{ LLM_PROVIDER: 'openai' }, 'LLM_PROVIDER=openai needs OPENAI_API_KEY'],
    [{ LLM_PROVIDER: 'azure', LLM_MODEL: 'd' }, 'LLM_PROVIDER=azure needs AZURE_OPENAI_RESOURCE_NAME, AZURE_OPENAI_API_KEY (LLM_MODEL is the deployment name)'],
  ])('%j', (source, message) => {
    expect(readModelSettings(source).errors).toEqual([message]);
    expect(() => getModelSettings(source)).toThrow(new SettingsError([message]));
  });

  it('an empty LLM_PROVIDER with an empty key is the local model, not an error', () => {
    expect(readModelSettings({ LLM_PROVIDER: '', OPENAI_API_KEY: '' })).toEqual({ settings: expect.any(Object), errors: [], warnings: [] });
  });
});

describe('deployment settings: the distributed mode needs both of its settings, never falls back silently', () => {
  const pg = 'postgres://crosstab:secret@db.internal:5432/crosstab';
  it('neither is the embedded mode; both are the distributed mode', () => {
    expect(readDistributedSettings({}).settings.deployment).toEqual({ mode: 'embedded' });
    expect(readDistributedSettings({ DATABASE_URL: pg, REDIS_URL: 'redis://cache.internal:6379/2' })).toMatchObject({
      settings: { deployment: { mode: 'distributed', databaseUrl: pg, redisUrl: 'redis://cache.internal:6379/2' }, leaseMs: 30_000 },
      errors: [],
    });
    expect(readDistributedSettings({ DATABASE_URL: pg, REDIS_URL: 'unix:///run/redis.sock' }).errors).toEqual([]);
  });

  it('one without the other is an error naming both, and the server refuses to start', () => {
    expect(readDistributedSettings({ DATABASE_URL: pg }).errors).toEqual([
      'DATABASE_URL is set but REDIS_URL is not: the distributed mode needs both (a shared Postgres store and a Redis queue); unset both for the embedded mode',
    ]);
    expect(readDistributedSettings({ REDIS_URL: 'redis://cache:6379' }).errors[0]).toMatch(/^REDIS_URL is set but DATABASE_URL is not/);
    expect(serverStartupProblems({ REDIS_URL: 'redis://cache:6379', NODE_ENV: 'development' })).toContainEqual(
      expect.stringMatching(/REDIS_URL is set but DATABASE_URL is not/),
    );
  });

  it('a value of the wrong kind is an error that never echoes it (it may hold a password)', () => {
    const reading = readDistributedSettings({ DATABASE_URL: 'mysql://u:hunter2@db/x', REDIS_URL: 'redis://:hunter2@cache' });
    expect(reading.errors).toEqual(['DATABASE_URL must be a postgres:// URL']);
    expect(JSON.stringify(reading)).not.toContain('hunter2');
  });
});

describe('each part is validated once per process', () => {
  it('warns once however often it is read; a reset or other values validate again', () => {
    const warn = spyOperatorLog();
    const source = { NODE_ENV: 'staging', MAX_CONCURRENT_RUNS: 'abc' };
    for (let i = 0; i < 3; i++) {
      expect(getObservabilitySettings(source).NODE_ENV).toBe('production');
      expect(getWebSettings(source).MAX_CONCURRENT_RUNS).toBe(DEFAULT_MAX_CONCURRENT_RUNS);
    }
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '[settings] NODE_ENV must be one of development, production, test (got "staging"); treated as production',
      '[settings] MAX_CONCURRENT_RUNS must be a whole number of at least 1 (got "abc"); using the default (2)',
    ]);
    resetSettings();
    getObservabilitySettings(source);
    getObservabilitySettings({ NODE_ENV: 'test' });
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('an invalid model setting throws the same error on every read', () => {
    const source = { LLM_PROVIDER: 'bogus' };
    const first = (() => {
      try {
        getModelSettings(source);
      } catch (err) {
        return err;
      }
    })();
    expect(first).toBeInstanceOf(SettingsError);
    expect(() => getModelSettings(source)).toThrow(first as Error);
  });

  it('the web part is not read by the model or observability parts (a CLI run never sees web-only junk)', () => {
    const warn = spyOperatorLog();
    const source = { MAX_CONCURRENT_RUNS: 'abc', UPLOAD_MAX_BYTES: '-1', AUTH_BYPASS: 'maybe', DATABASE_PATH: '' };
    expect(() => getModelSettings(source)).not.toThrow();
    getObservabilitySettings(source);
    expect(warn).not.toHaveBeenCalled();
  });
});
