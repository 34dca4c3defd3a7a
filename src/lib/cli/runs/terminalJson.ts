/** Characters JSON.stringify leaves raw that a terminal acts on: DEL, C1 controls, bidi controls, line and paragraph separators. */
const RAW_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * `value` as JSON text, with the characters a terminal acts on that JSON.stringify leaves raw written as `\uXXXX`
 * escapes (it escapes the C0 controls itself). They occur only inside strings, so the text parses to the same value.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
