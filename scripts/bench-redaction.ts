/**
 * Redaction benchmark: `npm run bench:redaction`.
 * Prints how long content redaction (redactText) takes on 256 KB and 1 MB of ordinary and hostile text, and the ratio
 * between the two sizes (linear work is ≈ 4×; quadratic work would be ≈ 16×). Medians of 5 rounds.
 */
import { redactText } from '@/lib/redaction';

const KB = 1024;
const ROUNDS = 5;

/** Text of about `bytes` characters made by repeating `unit`. */
const fill = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

const SHAPES: Record<string, string> = {
  'prose with e-mails and keys': 'Column Men (ana@acme.example) uses key sk-live-4f9aC2b7d1E8 at /srv/app/data/x.sav; ',
  'one character': 'a',
  'at signs': '@',
  'local parts and at signs': 'a@',
  'almost e-mails': 'ab@cd.',
  'scheme separators': '://',
  slashes: '/',
  'deep path': ' /a',
  'token characters': 'aB3-',
  'secret-named keys': 'password=',
  'bearer words': 'Bearer ',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(text: string): number {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const t0 = performance.now();
    redactText(text);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

console.log(`redactText, median of ${ROUNDS} rounds`);
console.log(`${'shape'.padEnd(30)} ${'256 KB ms'.padStart(10)} ${'1 MB ms'.padStart(10)} ${'ratio'.padStart(7)}`);
for (const [name, unit] of Object.entries(SHAPES)) {
  const small = time(fill(unit, 256 * KB));
  const large = time(fill(unit, 1024 * KB));
  console.log(`${name.padEnd(30)} ${small.toFixed(1).padStart(10)} ${large.toFixed(1).padStart(10)} ${(large / Math.max(small, 0.01)).toFixed(1).padStart(7)}`);
}
