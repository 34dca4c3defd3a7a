import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { formatFilter } from '@/lib/filters';
import { accountForText, type Coverage } from './accountForText';
import { boxCodes, boxPhrases } from './boxPhrases';

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

/** The label with each "top/bottom N box" written as the codes it stands for ("Top 2 box" → "4, 5" on a 1-5 scale). */
function spellOutBoxes(label: string, v: VariableSummary): { text: string } | { problem: string } {
  let text = '';
  let from = 0;
  for (const box of boxPhrases(label)) {
    const read = boxCodes(box, v);
    if ('problem' in read) return read;
    text += `${label.slice(from, box.start)} ${read.codes.join(', ')} `;
    from = box.end;
  }
  return { text: text + label.slice(from) };
}
