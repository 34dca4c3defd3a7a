/** The message of a thrown value, for the module's own warnings (never throws, even on hostile values). */
export function errorMessage(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return '[unreadable error]';
  }
}
