import { operatorLog } from '@/lib/logging/operatorLog';

/** Default sink of settings warnings: one operator line (stderr in Node; the console on the edge and in browsers). */
export function settingsWarning(message: string): void {
  operatorLog('settings', message);
}
