import { getModelSettings } from './modelSettings';
import { getObservabilitySettings } from './observabilitySettings';
import { getPipelineSettings } from './pipelineSettings';
import { errorMessage } from '@/lib/core/errorMessage';
import { terminalLine } from '@/lib/logging/operatorLog';

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
    terminalLine(`error: ${errorMessage(err)}`);
    return false;
  }
}
