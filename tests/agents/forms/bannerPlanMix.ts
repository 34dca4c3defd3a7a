/** A banner group as generated: its name and its columns, each written once in the plan. */
export interface PlanGroup {
  label: string;
  columns: string[];
}

/** A generated banner plan: its text and the groups it writes, in order. */
export interface MixedPlan {
  text: string;
  groups: PlanGroup[];
  /** Columns written in a way the reader does not understand: a warning must name each. */
  unreadable: string[];
  /** How each block was written, for failure messages. */
  forms: string[];
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['Gender', 'Age group', 'Value (Q3)', 'Booking (Q4)', 'Renewal likelihood', 'Region', 'Visit frequency', 'Tier', 'Personal trainer', 'Usage'];
/** Column texts as analysts write them: words, ranges, codes in parentheses, apostrophes. No commas (a one-line group splits at them). */
const COLUMNS = [
  'Women',
  'Men',
  'Non-binary',
  'Under 30',
  'Aged 30 to 49',
  'Aged 50 and over',
  'Top box (10)',
  'Top 3 box (8–10)',
  'Bottom 3 box (1-3)',
  'Top 2 box (3-4)',
  'Fairly or very easy',
  'Rated 2 or lower',
  "Don't know",
  'Extremely likely to renew',
  'Promoters (9-10)',
  'North region',
  'South region',
  'Visits 5 through 9',
  'At least 10 visits',
  'Basic',
  'Premium members',
  'Used a PT (Q18 = 1)',
  'Heavy users',
  'Light users',
];
const DEFINITIONS = ['Q9 = 10', 'renewal score 0 to 6', '', 'S1 = 2', 'age under 30'];
const GROUP_HEADERS = ['Group', 'Banner group', 'Category'];
const COLUMN_HEADERS: Array<[string, string]> = [
  ['Column', 'Definition'],
  ['Subgroup', 'Spec'],
  ['Name', 'Filter'],
];

type Pick = <T>(items: readonly T[]) => T;

/** One block of a plan: its lines, the groups it writes, and the columns it writes unreadably. */
interface Block {
  form: string;
  lines: string[];
  groups: PlanGroup[];
  unreadable: string[];
}

const bullets = (columns: string[], pick: Pick) => {
  const mark = pick(['-', '*', '+', '•']);
  return columns.map((c) => `${mark} ${c}`);
};
const numbered = (columns: string[], pick: Pick) => {
  const close = pick(['.', ')']);
  return columns.map((c, i) => `${i + 1}${close} ${c}`);
};
const ungroupedTable = (columns: string[], pick: Pick) => {
  const [name, definition] = pick(COLUMN_HEADERS);
  return [`| ${name} | ${definition} |`, '|---|---|', ...columns.map((c) => `| ${c} | ${pick(DEFINITIONS)} |`)];
};

/** The ways one group (or, for a table with a group column, several) is written. */
const FORMS: Record<string, (groups: PlanGroup[], pick: Pick) => string[]> = {
  'heading + list': ([g], pick) => [`${pick(['##', '###'])} ${g!.label}`, ...bullets(g!.columns, pick)],
  'heading + numbered list': ([g], pick) => [`## ${g!.label}`, ...numbered(g!.columns, pick)],
  'bold label + list': ([g], pick) => [pick([`**${g!.label}**`, `**${g!.label}:**`, `**${g!.label}**:`]), ...bullets(g!.columns, pick)],
  'Group: line + list': ([g], pick) => [pick([`Group: ${g!.label}`, `Group 2: ${g!.label}`, `Table 1 – ${g!.label}`]), ...bullets(g!.columns, pick)],
  'plain label + list': ([g], pick) => [pick([g!.label, `${g!.label}:`]), ...bullets(g!.columns, pick)],
  'numbered label + indented list': ([g], pick) => [`${pick(['1', '4', '7'])}. ${g!.label}`, ...bullets(g!.columns, pick).map((l) => `   ${l}`)],
  'numbered label + indented numbered list': ([g], pick) => [
    `${pick(['1', '4', '7'])}. ${g!.label}`,
    ...g!.columns.map((c, i) => `   ${pick([`${i + 1}.`, `${String.fromCharCode(97 + i)})`])} ${c}`),
  ],
  'plain label + numbered list': ([g], pick) => [pick([g!.label, `${g!.label}:`]), ...numbered(g!.columns, pick)],
  'one line': ([g]) => [`${g!.label}: ${g!.columns.join(', ')}`],
  'heading + table': ([g], pick) => [`## ${g!.label}`, ...ungroupedTable(g!.columns, pick)],
  'bold label + table': ([g], pick) => [`**${g!.label}**`, ...ungroupedTable(g!.columns, pick)],
  'table with a group column': (groups, pick) => {
    const groupHeader = pick(GROUP_HEADERS);
    const groupFirst = pick([true, false]);
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const header = groupFirst ? [groupHeader, 'Column', 'Definition'] : ['Column', groupHeader, 'Definition'];
    const rows = groups.flatMap((g) => g.columns.map((c) => (groupFirst ? [g.label, c, pick(DEFINITIONS)] : [c, g.label, pick(DEFINITIONS)])));
    return [row(header), '| --- | --- | --- |', ...rows.map(row)];
  },
};
export const FORM_NAMES = Object.keys(FORMS);

/** Ways of writing a column the reader cannot place: [lines, the columns a warning must name]. */
const UNREADABLE: Record<string, (group: PlanGroup, stray: string, pick: Pick) => { lines: string[]; unreadable: string[] }> = {
  'list then an unbulleted column': (g, stray, pick) => ({ lines: [`## ${g.label}`, ...bullets(g.columns, pick), `${stray} (Q1 = 6)`], unreadable: [stray] }),
  'table row naming no group': (g, stray) => ({
    lines: ['| Group | Column | Definition |', '|---|---|---|', ...g.columns.map((c) => `| ${g.label} | ${c} | |`), `|  | ${stray} | Q1 = 6 |`],
    unreadable: [stray],
  }),
  // Seven words before the colon: a sentence, not a group's name.
  'one line after a sentence': (g) => ({ lines: [`Please also show these for the ${g.label} group: ${g.columns.join(', ')}`], unreadable: g.columns }),
};
export const UNREADABLE_NAMES = Object.keys(UNREADABLE);

/**
 * A plan of 2–6 blocks, each a group (or a table of 1–3 groups) written in a random form, with a blank line, several or
 * none between blocks, sometimes a title and an intro sentence first. Every label and column is used once in the plan.
 */
export function mixedPlan(random: () => number): MixedPlan {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const labels = shuffled(LABELS, random);
  const columns = shuffled(COLUMNS, random);
  const blocks: Block[] = [];
  const count = 2 + Math.floor(random() * 5);
  for (let b = 0; b < count && labels.length > 0 && columns.length >= 3; b++) {
    // Some blocks write columns unreadably; the last block is readable when none before it was (a plan has a group).
    const readableSoFar = blocks.some((block) => block.groups.length > 0);
    if (random() < 0.15 && (readableSoFar || b < count - 1)) {
      const form = pick(UNREADABLE_NAMES);
      const group = { label: labels.pop()!, columns: columns.splice(0, 2) };
      const { lines, unreadable } = UNREADABLE[form]!(group, columns.shift()!, pick);
      const readable = form === 'one line after a sentence' ? [] : [group];
      blocks.push({ form, lines, groups: readable, unreadable });
      continue;
    }
    const form = pick(FORM_NAMES);
    const groupCount = form === 'table with a group column' ? Math.min(labels.length, 1 + Math.floor(random() * 3)) : 1;
    const groups: PlanGroup[] = [];
    for (let g = 0; g < groupCount && columns.length >= 2; g++) {
      const size = Math.min(columns.length, 2 + Math.floor(random() * 3));
      const label = labels.pop()!;
      groups.push({ label, columns: columns.splice(0, size) });
    }
    blocks.push({ form, lines: FORMS[form]!(groups, pick), groups, unreadable: [] });
  }
  const head =
    random() < 0.5
      ? [pick(['# Banner plan', '# FitLife member survey – banner plan (round 2)']), '', pick(['Total first.', 'Show column percentages.']), '']
      : [];
  const body = blocks.flatMap((block, i) => (i === 0 ? block.lines : [...Array<string>(Math.floor(random() * 3)).fill(''), ...block.lines]));
  return {
    text: [...head, ...body, ''].join('\n'),
    groups: blocks.flatMap((b) => b.groups),
    unreadable: blocks.flatMap((b) => b.unreadable),
    forms: blocks.map((b) => b.form),
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
