import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens, MAX_PIECE_BYTES } from '@/lib/llm/tokenizer';
import { BANNER_SYSTEM } from '@/agents/prompts/bannerPrompt';
import { CROSSTAB_SYSTEM } from '@/agents/prompts/crosstabPrompt';
import { SKIP_LOGIC_SYSTEM } from '@/agents/prompts/skipLogicPrompt';

/** tiktoken's own count (its merge loop is quadratic in a pre-token's length: keep reference inputs short). */
let reference: (text: string) => number;
beforeAll(() => {
  const encoder = new Tiktoken(o200kBase);
  reference = (text) => encoder.encode(text, [], []).length;
});

/** Deterministic pseudo-random integers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  it('counts exactly as tiktoken on documents, prompts and mixed scripts', () => {
    const examples = path.resolve(__dirname, '../../examples/brand-tracker');
    const texts = [
      readFileSync(path.join(examples, 'banner.md'), 'utf8'),
      readFileSync(path.join(examples, 'survey.md'), 'utf8'),
      BANNER_SYSTEM,
      CROSSTAB_SYSTEM,
      SKIP_LOGIC_SYSTEM,
      'Région Nord — 女性 18–34 歳、男性 35+ 🙂 👩‍👩‍👧 مستخدم עברית ǅ ﬁ \u0301\u0301 \u00a0\t\r\n\r\n',
      'lone surrogates \ud800 and \udfff, NUL \0 bytes, <|endofprompt|> and <|endoftext|>',
      `${'='.repeat(300)}\n${'-'.repeat(80)}\n${'9'.repeat(50)}\n${' '.repeat(200)}x`,
    ];
    for (const text of texts) expect(countTokens(text), text.slice(0, 40)).toBe(reference(text));
  });

  it('counts exactly as tiktoken on random text whose pre-tokens are within MAX_PIECE_BYTES', () => {
    const next = prng(11);
    const alphabet = [
      'a',
      'e',
      'th',
      'Q',
      'S1',
      ' ',
      '  ',
      '\n',
      '\t',
      '=',
      '(',
      ')',
      '-',
      '.',
      ',',
      '7',
      '42',
      'é',
      '年',
      '🙂',
      "'s",
      '"',
      '#',
      '*',
      '\u0301',
    ];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(countTokens(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('stays within 1% of tiktoken on runs longer than MAX_PIECE_BYTES', () => {
    for (const ch of ['=', 'a', ' ', '-', '(', '年']) {
      const run = ch.repeat(Math.ceil((MAX_PIECE_BYTES * 1.5) / Buffer.byteLength(ch)));
      const exact = reference(run);
      expect(Math.abs(countTokens(run) - exact), ch).toBeLessThanOrEqual(Math.max(1, exact * 0.01));
    }
  });

  it('counts a megabyte of any shape (runs of one character, no spaces, random symbols, CJK)', () => {
    const next = prng(5);
    const randomOf = (chars: string) => Array.from({ length: 1 << 20 }, () => chars[Math.floor(next() * chars.length)]).join('');
    const shapes = [
      '='.repeat(1 << 20),
      'a'.repeat(1 << 20),
      ' '.repeat(1 << 20),
      '7'.repeat(1 << 20),
      randomOf('abcdefghijklmnopqrstuvwxyz'),
      randomOf('=-()#*!?.,;:[]{}<>/\\|@$%^&~`\'"_+'),
      randomOf('年齢女性男性地域東西南北'),
    ];
    for (const text of shapes) expect(countTokens(text)).toBeGreaterThan(0);
  }, 20_000);
});
