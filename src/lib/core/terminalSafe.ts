/**
 * Characters a terminal acts on instead of showing: C0 controls except tab, DEL, C1 controls, the Unicode bidi
 * controls (which reorder what follows) and the line and paragraph separators.
 */
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` as it may reach a terminal: every character the terminal would act on (an escape sequence, a carriage
 * return, a bidi override, a newline inside a field) shown as a visible escape such as `\x1b`, `\u202e` or `\n`.
 * Tab and printable text of every script are kept; applying it twice changes nothing more. Linear in the text.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}
