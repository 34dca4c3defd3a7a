import { operatorLog } from '@/lib/logging/operatorLog';

/** Receives the module's own warnings (never the pipeline's errors). */
export type WarningSink = (message: string) => void;

/** Default warning sink: one `[observability]` line in the operator log. Never throws. */
export const operatorWarning: WarningSink = (message) => operatorLog('observability', message);
