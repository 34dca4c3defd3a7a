import { describe, expect, it } from 'vitest';
import { countTokens } from '@/lib/llm/tokenizer';

describe('countTokens (o200k_base)', () => {
  it('counts known o200k_base encodings', () => {
    // "hello world" is two tokens ("hello", " world") in both cl100k and o200k.
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('')).toBe(0);
  });

  it('grows with the text and treats special-token strings as plain text', () => {
    const one = countTokens('Banner column: Women aged 18-34');
    expect(one).toBeGreaterThan(3);
    expect(countTokens('Banner column: Women aged 18-34 '.repeat(10))).toBeGreaterThan(one * 5);
    expect(() => countTokens('before <|endoftext|> after')).not.toThrow();
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });
});
