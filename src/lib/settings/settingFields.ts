/** How a part reacts to an invalid value: stop with an error, or warn and carry on with `use` (the default when omitted). */
export type InvalidPolicy<T> = 'error' | { use?: T; note: string };

/** One environment variable: how to parse a non-empty value, what a valid one looks like, and what an invalid one does. */
export interface SettingField<T> {
  /** The parsed value, or undefined when the text is not a valid value. */
  parse(raw: string): T | undefined;
  /** What a valid value looks like, completing "<VAR> must be …". */
  expected: string;
  onInvalid: InvalidPolicy<T>;
  /** Never quote the value in messages (it may hold a key). */
  secret?: boolean;
}

/** Any text: trimmed, except secrets, which are kept exactly as set (they are keys). */
export function textField(opts: { secret?: boolean } = {}): SettingField<string> {
  return { parse: (raw) => (opts.secret ? raw : raw.trim()), expected: 'text', onInvalid: 'error', ...opts };
}

/** One of a fixed set of words. */
export function choiceField<const C extends string>(choices: readonly C[], onInvalid: InvalidPolicy<C>): SettingField<C> {
  return {
    parse: (raw) => (choices as readonly string[]).find((c) => c === raw.trim()) as C | undefined,
    expected: `one of ${choices.join(', ')}`,
    onInvalid,
  };
}

/** A finite number in [min, max], optionally an integer. */
export function numberField(opts: { min: number; max?: number; integer?: boolean }, onInvalid: InvalidPolicy<number>): SettingField<number> {
  const { min, max = Number.MAX_SAFE_INTEGER, integer = false } = opts;
  const kind = integer ? 'a whole number' : 'a number';
  return {
    parse: (raw) => {
      const text = raw.trim();
      // Number() accepts "0x10", "1e3" and "Infinity"; settings are plain decimals.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
      const n = Number(text);
      if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
      return n;
    },
    expected: max === Number.MAX_SAFE_INTEGER ? `${kind} of at least ${min}` : `${kind} from ${min} to ${max}`,
    onInvalid,
  };
}

/** An absolute http(s) URL. */
export function httpUrlField(onInvalid: InvalidPolicy<string>, opts: { secret?: boolean } = {}): SettingField<string> {
  return { parse: (raw) => (isHttpUrl(raw.trim()) ? raw.trim() : undefined), expected: 'an http(s) URL', onInvalid, ...opts };
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
