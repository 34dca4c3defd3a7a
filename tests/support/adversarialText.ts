/** One shape of hostile (or merely huge) banner-plan / survey text, generated at any size. */
export interface TextShape {
  name: string;
  /** Text of about `bytes` UTF-8 bytes (never much more). */
  make(bytes: number): string;
}

/** Repeat `unit` until the text has about `bytes` characters. */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

/** Lines from `line(i)` until about `bytes` characters. */
function lines(bytes: number, line: (i: number) => string): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n');
}

/** Deterministic pseudo-random integers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE_PIECES = [
  'Région',
  'Männer',
  '女性',
  '年齢 18–34',
  'مستخدم',
  'עברית',
  '🙂',
  '👩‍👩‍👧',
  'é',
  '\u0301\u0301\u0301',
  'ǅ',
  'ﬁ',
  '\u200d',
  '\u00a0',
  '＝',
  '（',
  '）',
  '١٢٣',
  '٣',
  'Ⅻ',
  '\ud800',
  '\udfff',
];

/**
 * A banner plan with the payload as one column of a real group, so it reaches BannerAgent's model call and CrosstabAgent.
 * Multi-line payloads add their own lines (and headings) after it.
 */
export function asBannerPlan(payload: string): string {
  return `# Banner plan\n\n## Department\n- Sales (DEPT = 1)\n- ${payload}\n\n## Role\n- Managers (ROLE = 2)\n`;
}

/** A survey with the payload as a routing line of a real question, so it reaches SkipLogicAgent and FilterTranslatorAgent. */
export function asSurvey(payload: string): string {
  return `# Survey\n\n### DEPT. Which department do you work in?\n1. Sales\n\n### ROLE. Your role?\nASK IF ${payload}\n1. Manager\n\n### E1. I am proud to work here\n[ASK IF DEPT = 1]\n`;
}

/**
 * The adversarial shapes the text-handling path must stay linear on: one huge line, runs of one character,
 * 100k short lines, heading floods, deep parentheses, long or-chains, long numbers, mixed unicode and NUL bytes.
 * Variable names are the employee-pulse example's (DEPT, ROLE) so conditions reach the variable matching.
 * Each is a payload for asBannerPlan / asSurvey.
 */
export const TEXT_SHAPES: readonly TextShape[] = [
  {
    name: 'realistic plan+survey',
    make: (n) =>
      lines(
        n,
        (i) =>
          [
            `## Group ${i}`,
            `- Sales (DEPT = 1)`,
            `- Managers: ROLE=2`,
            `- Aged 18 to 34`,
            `### Q${i}. How satisfied are you?`,
            `[ASK IF DEPT = 1 OR 2]`,
            `1. Very satisfied`,
          ][i % 7]!,
      ),
  },
  {
    name: '100 long sections',
    make: (n) =>
      Array.from({ length: 100 }, (_, i) => {
        const words = fill('Employees in the sales team who joined this year ', n / 200);
        return `## Group ${i}\n- ${words}(DEPT = ${(i % 5) + 1})\n### Q${i}. ${words}?\n[ASK IF DEPT = ${(i % 5) + 1}]`;
      }).join('\n'),
  },
  { name: 'one long line', make: (n) => fill('Sales (DEPT = 1) ASK IF ROLE = 2 or Q3 = 4. Aged 18 to 34, ', n) },
  { name: 'open ends among words', make: (n) => fill('- Agree or better, at least agree, or Agree+ than most of the others (E1) ', n) },
  { name: 'open end after a run of spaces', make: (n) => `- Agree${fill(' ', n / 2)}or${fill(' ', n / 2)}better (E1)` },
  { name: 'run of =', make: (n) => fill('=', n) },
  { name: 'run of (', make: (n) => fill('(', n) },
  { name: 'run of -', make: (n) => fill('-', n) },
  { name: 'run of spaces', make: (n) => `ASK IF${fill(' ', n)}x` },
  { name: 'run of digits', make: (n) => fill('7', n) },
  { name: 'run of a', make: (n) => fill('a', n) },
  { name: 'run of #', make: (n) => fill('#', n) },
  { name: '100k short lines', make: (n) => lines(n, (i) => ['- a', 'Q1. b', '[ASK IF', '# c', '|x|', '1)', ''][i % 7]!) },
  { name: 'heading flood', make: (n) => lines(n, (i) => `${'#'.repeat((i % 6) + 1)} Q${i}. h`) },
  { name: 'empty # headings', make: (n) => lines(n, () => '#') },
  { name: 'nested parens', make: (n) => `- Col ASK IF ${'('.repeat(n / 2)}DEPT = 1${')'.repeat(n / 2)}` },
  { name: 'unclosed parens', make: (n) => `[ASK IF ${fill('(DEPT = 1 or ', n)}]` },
  { name: 'or-chain', make: (n) => `- Col: ASK IF ${fill('DEPT=1 or ', n)}DEPT=1` },
  { name: 'or-chain lines', make: (n) => lines(n, (i) => `[ASK IF DEPT = ${i} or ROLE = ${i}]`) },
  { name: 'long numbers', make: (n) => lines(n, (i) => (i % 2 ? `[ASK IF DEPT = ${'9'.repeat(4000)}]` : `- Aged ${'1'.repeat(3000)} to ${'2'.repeat(3000)}`)) },
  { name: 'bracket soup', make: (n) => fill('[ASK IF [', n) },
  { name: 'table rows', make: (n) => `| Group | Column |\n${lines(n, (i) => `| G${i % 50} | DEPT = ${i} |`)}` },
  {
    name: 'mixed unicode',
    make: (n) => {
      const next = prng(7);
      return lines(n, () => Array.from({ length: 12 }, () => UNICODE_PIECES[Math.floor(next() * UNICODE_PIECES.length)]).join(next() < 0.3 ? ' ' : ''));
    },
  },
  { name: 'NUL bytes', make: (n) => lines(n, (i) => (i % 3 ? `- a\0b (DEPT\0= 1)\0` : `## G\0${i}\0[ASK IF\0DEPT = 1]`)) },
];

/** The shape with this name (throws on a typo). */
export function textShape(name: string): TextShape {
  const shape = TEXT_SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`no text shape named ${name}`);
  return shape;
}
