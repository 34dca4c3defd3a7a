/**
 * Longest log line read, in bytes. The writer keeps a canonical line within WIDE_EVENT_BUDGET_BYTES (192 KiB); a prefix
 * added on the way (a container name, a timestamp) is a few dozen bytes. 8 MiB is over forty times that, so no real
 * line is ever skipped, while a reader holding one line at a time stays within a few times this much memory.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Longest text a run summary keeps of one field (id, dataset, org, error, where it was read), so that what `list` and
 * `stats` keep per run stays small whatever a line holds. The writer's longest such field is an error message of 2,000
 * characters with its type.
 */
export const MAX_KEPT_TEXT = 4_096;

/** Longest stage or agent name a run summary keeps (the writer cuts them at 100 characters). */
export const MAX_KEPT_NAME = 200;

/** MAX_LINE_BYTES for people: `8 MiB`. */
export const MAX_LINE_TEXT = `${MAX_LINE_BYTES / 1024 / 1024} MiB`;
