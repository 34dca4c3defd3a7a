/**
 * The words every part uses for how a run and its stages end, defined once: the canonical line's zod enums and JSON
 * Schema, the stage and run types, the readers of lines (runs CLI, inspector) and the store derive from these lists.
 */

/** How a stage ended, in the order views list them. */
export const STAGE_STATUSES = ['ok', 'error', 'skipped', 'cancelled'] as const;
/** How a stage ended. */
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** How a run ended: `partial` when it reached its end but dropped part of what was asked for. */
export const RUN_OUTCOMES = ['success', 'partial', 'error', 'cancelled'] as const;
/** How a run ended. */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** Whether a text is one of the stage statuses. */
export function isStageStatus(value: unknown): value is StageStatus {
  return (STAGE_STATUSES as readonly unknown[]).includes(value);
}

/** Whether a text is one of the run outcomes. */
export function isRunOutcome(value: unknown): value is RunOutcome {
  return (RUN_OUTCOMES as readonly unknown[]).includes(value);
}
