import type { SettingField } from './settingFields';

/** Where settings are read from: process.env, or any map of variable names to text. */
export type SettingsSource = Readonly<Record<string, string | undefined>>;

/** A spec: the fields of one part, keyed by variable name. */
export type SettingsSpec = Record<string, SettingField<unknown>>;

/** The values of a spec: parsed, or undefined when unset (empty counts as unset) or invalid under a warning policy without `use`. */
export type SettingsValues<S extends SettingsSpec> = { [K in keyof S]: S[K] extends SettingField<infer T> ? T | undefined : never };

/** What reading a part found: its values, the invalid values that stop it, and the ones it warns about and replaces. */
export interface SettingsReading<S extends SettingsSpec> {
  values: SettingsValues<S>;
  errors: string[];
  warnings: string[];
}

/** Longest value quoted in a message. */
const MAX_QUOTED = 60;

function quote(raw: string): string {
  const text = raw.length > MAX_QUOTED ? `${raw.slice(0, MAX_QUOTED)}…` : raw;
  return JSON.stringify(text);
}

/** The variables of `spec` that are set in `source` (empty or blank values count as unset, as docker-compose and .env files write them). */
export function setValues(spec: SettingsSpec, source: SettingsSource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(spec)) {
    const raw = source[name];
    if (typeof raw === 'string' && raw.trim() !== '') out[name] = raw;
  }
  return out;
}

/** Parse every variable of a spec; one line per invalid value, starting with the variable's name. Never throws. */
export function readSettings<S extends SettingsSpec>(spec: S, source: SettingsSource): SettingsReading<S> {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  const warnings: string[] = [];
  const raws = setValues(spec, source);
  for (const [name, field] of Object.entries(spec)) {
    const raw = raws[name];
    if (raw === undefined) continue;
    const parsed = field.parse(raw);
    if (parsed !== undefined) {
      values[name] = parsed;
      continue;
    }
    const problem = `${name} must be ${field.expected}${field.secret ? '' : ` (got ${quote(raw)})`}`;
    if (field.onInvalid === 'error') {
      errors.push(problem);
    } else {
      warnings.push(`${problem}; ${field.onInvalid.note}`);
      if (field.onInvalid.use !== undefined) values[name] = field.onInvalid.use;
    }
  }
  return { values: values as SettingsValues<S>, errors, warnings };
}
