import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminalSafe';

describe('terminalSafe', () => {
  it('shows C0 controls (tab excepted), DEL and C1 controls as visible escapes', () => {
    expect(terminalSafe('a\x1b[2Jb')).toBe(String.raw`a\x1b[2Jb`);
    expect(terminalSafe('\x1b]0;title\x07')).toBe(String.raw`\x1b]0;title\x07`);
    expect(terminalSafe('cr\rlf\nbs\bnul\0del\x7f')).toBe(String.raw`cr\rlf\nbs\x08nul\x00del\x7f`);
    expect(terminalSafe('\x80\x85\x9b\x9f')).toBe(String.raw`\x80\x85\x9b\x9f`);
    expect(terminalSafe('a\tb')).toBe('a\tb');
  });

  it('shows bidi controls and line or paragraph separators as \\u escapes', () => {
    const bidi = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(terminalSafe(bidi)).toBe(String.raw`\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069`);
    expect(terminalSafe('x\u2028y\u2029z')).toBe(String.raw`x\u2028y\u2029z`);
  });

  it('leaves printable text of any script alone, and escaping twice changes nothing more', () => {
    const text = 'Région Männer 女性 مستخدم עברית 🙂 👩‍👩‍👧 \u00a0 C:\\data\\x1b';
    expect(terminalSafe(text)).toBe(text);
    const once = terminalSafe('\x1b[31m\u202e\n');
    expect(terminalSafe(once)).toBe(once);
  });
});
