/** Invalid settings a part cannot run with; the message is one line, starting with the variable's name. */
export class SettingsError extends Error {
  override name = 'SettingsError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}
