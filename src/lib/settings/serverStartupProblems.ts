import { authSecretProblem } from '@/lib/settings/authSecretProblem';
import { getDistributedSettings } from './distributedSettings';
import { getModelSettings } from './modelSettings';
import { getObservabilitySettings } from './observabilitySettings';
import { getPipelineSettings } from './pipelineSettings';
import type { SettingsSource } from './readSettings';
import { settingsWarning } from './settingsWarning';
import { getWebSettings } from './webSettings';
import { errorMessage } from '@/lib/core/errorMessage';

/**
 * Validate every part the server runs (observability, pipeline, model layer, web app, deployment) and return why it must
 * not start, one line each: model settings a run could not work with, a distributed setting without its partner, and, in production (or an unknown NODE_ENV), a missing or short
 * AUTH_SECRET. Everything else is a warning and its default. An empty list means the server may start.
 */
export function serverStartupProblems(source: SettingsSource = process.env): string[] {
  const problems: string[] = [];
  const { NODE_ENV } = getObservabilitySettings(source);
  const web = getWebSettings(source);
  getPipelineSettings(source);
  for (const check of [getModelSettings, getDistributedSettings]) {
    try {
      check(source);
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  const secret = authSecretProblem(web.AUTH_SECRET);
  if (secret !== null) {
    if (NODE_ENV === 'production') problems.push(`${secret}; production needs at least 32 random characters to sign and verify access tokens`);
    else settingsWarning(`${secret}: sign-in is unavailable until it is set (at least 32 random characters)`);
  }
  return problems;
}
