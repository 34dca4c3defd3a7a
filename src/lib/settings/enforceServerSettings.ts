import { serverStartupProblems } from './serverStartupProblems';
import { operatorLog } from '@/lib/logging/operatorLog';

/**
 * Server start (Node runtime only): validate the settings once and, when the server must not run, print one line on
 * stderr and exit with code 1. Called from the instrumentation hook, which Next finishes before it serves any request.
 */
export function enforceServerSettings(): void {
  const problems = serverStartupProblems();
  if (problems.length === 0) return;
  operatorLog('settings', `the server cannot start: ${problems.join('; ')}`);
  process.exit(1);
}
