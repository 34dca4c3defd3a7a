import { getModelSettings } from './modelSettings';
import { getObservabilitySettings } from './observabilitySettings';
import { getPipelineSettings } from './pipelineSettings';
import { errorMessage } from '@/lib/core/errorMessage';
import { terminalSafe } from '@/lib/core/terminalSafe';

/**
 * Validate what a CLI run needs (observability, pipeline and model settings; web settings are not read) before any stage runs.
 * Invalid values that fall back warn on stderr; when the run could not work, writes `error: <VAR> …` on stderr and returns false.
 */
export function checkCliSettings(): boolean {
  getObservabilitySettings();
  getPipelineSettings();
  try {
    getModelSettings();
    return true;
  } catch (err) {
    process.stderr.write(`${terminalSafe(`error: ${errorMessage(err)}`)}\n`);
    return false;
  }
}
