// Survives a client-side navigation (the module stays loaded), never a reload: only the page that was just opened by the app consumes it.
let pending: string | null = null;

/** Ask the next page to move focus to its main heading (after Start run opens the run's page). */
export function focusHeadingAfterNavigation(path: string): void {
  pending = path;
}

/** True once when this page was opened by a call above for `path`. */
export function takeHeadingFocus(path: string): boolean {
  if (pending !== path) return false;
  pending = null;
  return true;
}
