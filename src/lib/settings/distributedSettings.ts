import { hostname } from 'node:os';
import { numberField, textField, type SettingField } from './settingFields';
import { readSettings, type SettingsSource } from './readSettings';
import { settingsGetter, type PartReading } from './settingsGetter';

/** Where runs and their records live: one process (embedded), or shared Postgres and Redis (distributed). */
export type DeploymentMode = { mode: 'embedded' } | { mode: 'distributed'; databaseUrl: string; redisUrl: string };

/** Settings of the deployment: read by the server and by workers (never by CLI runs). */
export interface DistributedSettings {
  deployment: DeploymentMode;
  /** How a worker names itself in run records and canonical lines (default: host name and process id). */
  workerId: string;
  /** How long a worker holds a run (its queue lock and its lease) without renewing it: a dead worker's run ends after this. */
  leaseMs: number;
}

/** Default of RUN_LEASE_MS. */
export const DEFAULT_LEASE_MS = 30_000;

const POSTGRES_URL = /^postgres(ql)?:\/\/./i;

/** DATABASE_URL: a postgres:// (or postgresql://) URL; SQLite stays DATABASE_PATH. */
function postgresUrlField(): SettingField<string> {
  return { parse: (raw) => (POSTGRES_URL.test(raw.trim()) ? raw.trim() : undefined), expected: 'a postgres:// URL', onInvalid: 'error', secret: true };
}

/** REDIS_URL: redis:// or rediss:// (host, port, password, database), or a unix socket as unix:///path or an absolute path. */
function redisUrlField(): SettingField<string> {
  const ok = (v: string) => /^rediss?:\/\/./i.test(v) || /^unix:\/\/\/./i.test(v) || v.startsWith('/');
  return {
    parse: (raw) => (ok(raw.trim()) ? raw.trim() : undefined),
    expected: 'a redis:// URL or a unix socket (unix:///path)',
    onInvalid: 'error',
    secret: true,
  };
}

/** Deployment variables: an invalid value, or one of the pair without the other, stops the server or worker. */
export const DISTRIBUTED_SPEC = {
  DATABASE_URL: postgresUrlField(),
  REDIS_URL: redisUrlField(),
  WORKER_ID: textField(),
  RUN_LEASE_MS: numberField({ min: 1000, max: 600_000, integer: true }, { note: `using the default (${DEFAULT_LEASE_MS})` }),
};

/** Read the deployment settings from `source` (no caching, no output). Both of the pair or neither: never a silent fallback. */
export function readDistributedSettings(source: SettingsSource): PartReading<DistributedSettings> {
  const { values, errors, warnings } = readSettings(DISTRIBUTED_SPEC, source);
  const workerId = values.WORKER_ID ?? `${hostname()}:${process.pid}`;
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = values;
  if (errors.length === 0 && (databaseUrl === undefined) !== (redisUrl === undefined)) {
    const [set, missing] = databaseUrl !== undefined ? ['DATABASE_URL', 'REDIS_URL'] : ['REDIS_URL', 'DATABASE_URL'];
    errors.push(
      `${set} is set but ${missing} is not: the distributed mode needs both (a shared Postgres store and a Redis queue); unset both for the embedded mode`,
    );
  }
  const deployment: DeploymentMode =
    databaseUrl !== undefined && redisUrl !== undefined ? { mode: 'distributed', databaseUrl, redisUrl } : { mode: 'embedded' };
  return { settings: { deployment, workerId, leaseMs: values.RUN_LEASE_MS ?? DEFAULT_LEASE_MS }, errors, warnings };
}

/** The process's deployment settings (process.env by default), validated once; throws SettingsError when they cannot run. */
export const getDistributedSettings = settingsGetter('distributed', DISTRIBUTED_SPEC, readDistributedSettings);
