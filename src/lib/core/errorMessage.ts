/** The message of any thrown value, as one string (never throws, even on hostile values). */
export function errorMessage(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return '[unreadable error]';
  }
}
