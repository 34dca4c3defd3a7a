import { cachedSettings } from './settingsCache';
import { SettingsError } from './SettingsError';
import { setValues, type SettingsSource, type SettingsSpec } from './readSettings';
import { settingsWarning } from './settingsWarning';

/** What reading a part found: its settings (defaults applied), the problems that stop it, and the warnings. */
export interface PartReading<T> {
  settings: T;
  errors: string[];
  warnings: string[];
}

/**
 * The process-wide getter of a part: reads `source` (process.env by default), warns once, and throws one
 * SettingsError when the part cannot run; validated once per distinct set of values.
 */
export function settingsGetter<T>(part: string, spec: SettingsSpec, read: (source: SettingsSource) => PartReading<T>): (source?: SettingsSource) => T {
  return (source = process.env) =>
    cachedSettings(part, JSON.stringify(setValues(spec, source)), () => {
      const reading = read(source);
      for (const warning of reading.warnings) settingsWarning(warning);
      if (reading.errors.length > 0) throw new SettingsError(reading.errors);
      return reading.settings;
    });
}
