import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

let encoder: Tiktoken | undefined;

/** Number of o200k_base tokens in `text` (the encoding of the gpt-4o / gpt-5 model families). */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  encoder ??= new Tiktoken(o200kBase);
  // Special-token strings in user text are counted as ordinary text instead of throwing.
  return encoder.encode(text, [], []).length;
}

/** Build the encoder now (about a second of CPU) instead of inside the first agent call of the first run. */
export function warmTokenizer(): void {
  encoder ??= new Tiktoken(o200kBase);
}
