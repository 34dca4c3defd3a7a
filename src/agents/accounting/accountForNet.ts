import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { positiveEnd } from '@/agents/scales';
import { formatFilter } from '@/lib/filters';
import { accountForText, type Coverage } from './accountForText';
import { variablePoints } from './variablePoints';

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
/** "Top 2 box", "top-two-box", "Bottom box", "T2B", "B3B". */
const BOX = /\b(?:(top|bottom)[\s-]*(\d+|one|two|three|four|five)?[\s-]*box(?:es)?|([tb])(\d)b)\b/gi;

/**
 * Reads a NET back against its label, as accountForText reads a filter against its words: the NET must sum every code
 * its label names and nothing else. "Top 2 box" / "Bottom 2 box" name the two answers at the positive / negative end of
 * the scale (a scale whose words do not say which end is positive cannot be read so); "(NET)" names nothing.
 */
export function accountForNet(label: string, codes: ReadonlyArray<number | string>, v: VariableSummary): Coverage {
  const spelled = spellOutBoxes(label.replace(/\(?\bNET\b\)?/g, ' '), v);
  if ('problem' in spelled) return { covered: false, problems: [spelled.problem] };
  const expression = formatFilter({ type: 'in', variable: v.name, values: [...codes] });
  const coverage = accountForText({ texts: [spelled.text], expression, variables: [v] });
  if (coverage.covered) return coverage;
  // The same problems, said of a NET: it sums codes rather than selecting respondents.
  const problems = coverage.problems.map((p) =>
    p
      .replace('which the filter does not select', 'which the NET does not sum')
      .replace('the filter also selects', 'the NET also sums')
      .replace('yet the filter selects', 'yet the NET sums')
      .replace('the words name', 'the label names')
      .replace('which the words do not name', 'which the label does not name'),
  );
  return { covered: false, problems };
}

/** The label with each "top/bottom N box" written as the codes it stands for ("Top 2 box" → "4-5" on a 1-5 scale). */
function spellOutBoxes(label: string, v: VariableSummary): { text: string } | { problem: string } {
  const answers = [...variablePoints(v).answers].filter((c): c is number => typeof c === 'number').sort((a, b) => a - b);
  const end = positiveEnd(v);
  let problem: string | null = null;
  const text = label.replace(BOX, (whole, side: string | undefined, count: string | undefined, letter: string | undefined, digit: string | undefined) => {
    const top = (side ?? (letter === 't' || letter === 'T' ? 'top' : 'bottom')).toLowerCase() === 'top';
    const raw = (count ?? digit ?? '1').toLowerCase();
    const n = NUMBER_WORDS[raw] ?? Number(raw);
    if (end === null || !Number.isInteger(n) || n < 1 || n >= answers.length) {
      problem = `"${whole}" cannot be read on ${v.name}: ${end === null ? 'its labels do not say which end of the scale is positive' : 'the scale has too few answers'}`;
      return whole;
    }
    const highSide = top === (end === 'high');
    const picked = highSide ? answers.slice(-n) : answers.slice(0, n);
    return ` ${picked.join(', ')} `;
  });
  return problem === null ? { text } : { problem };
}
