import { readModelSettings, type ModelSettings } from '@/lib/settings/modelSettings';
import { readObservabilitySettings, type ObservabilitySettings } from '@/lib/settings/observabilitySettings';
import type { SettingsSource } from '@/lib/settings/readSettings';
import { SettingsError } from '@/lib/settings/SettingsError';
import { settingsWarning } from '@/lib/settings/settingsWarning';
import { readWebSettings, type WebSettings } from '@/lib/settings/webSettings';

/** Every setting the app reads. Each part reads its own (src/lib/settings/); this union is for scripts and tests. */
export type Env = ObservabilitySettings & ModelSettings & WebSettings;

/**
 * Read every part's settings from `source`, fresh (not cached), warning about invalid values that fall back to a
 * default. Throws one SettingsError line when a part could not run. The app's parts use their own getters instead.
 */
export function readEnv(source: SettingsSource = process.env): Env {
  const readings = [readObservabilitySettings(source), readModelSettings(source), readWebSettings(source)] as const;
  for (const reading of readings) for (const warning of reading.warnings) settingsWarning(warning);
  const errors = readings.flatMap((reading) => reading.errors);
  if (errors.length > 0) throw new SettingsError(errors);
  return { ...readings[0].settings, ...readings[1].settings, ...readings[2].settings };
}
