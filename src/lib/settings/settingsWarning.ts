/** Default sink of settings warnings: one line on the console's warning stream (stderr in Node; works on edge and in browsers). */
export function settingsWarning(message: string): void {
  try {
    console.warn(`[settings] ${message}`);
  } catch {
    // No console left to tell.
  }
}
