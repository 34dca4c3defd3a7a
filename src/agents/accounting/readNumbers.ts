import { exactCover } from '@/agents/local/numericRange';
import { statedPositiveEnd } from '@/agents/scales';
import { inInterval, orientPolar, type Interval, type NumberMention } from './numberMentions';
import { labelOf, type Code, type VariablePoints } from './variablePoints';

/** What a number phrase names on one variable: codes, intervals of a continuous number, or why it names none. */
export type NumberReadingResult = { codes: Set<Code> } | { intervals: Interval[] } | { problem: string };

/**
 * Reads a number phrase on a variable. On codes, a single value or list item names that code (a missing or non-answer
 * code too, when named alone); a range or open end names the answers inside it, never a missing or non-answer code,
 * and every number it writes must be a code. Labels that show numbers other than their codes make a phrase ambiguous unless
 * both readings agree; range labels must cover the phrase exactly. "3 or better" runs toward the end the scale's words
 * call positive; on a scale whose words do not say, it names nothing surely.
 */
export function readNumbers(points: VariablePoints, written: NumberMention): NumberReadingResult {
  const name = points.variable.name;
  let mention = written;
  if (written.intervals.some((r) => r.polar)) {
    const end = statedPositiveEnd(points.variable);
    if (end === null) return { problem: `"${written.text}" cannot be read on ${name}: its labels do not say which end of the scale is better` };
    mention = { ...written, intervals: orientPolar(written.intervals, end) };
  }
  switch (points.reading) {
    case 'none':
      return { problem: `"${mention.text}" is not a code of ${name} (it holds text)` };
    case 'continuous':
      return { intervals: mention.intervals };
    case 'bands':
      return throughBands(points, mention);
    case 'codes':
      return asCodes(points, mention, 0);
    case 'labelled':
      return asCodes(points, mention, points.offset);
    case 'shifted': {
      // A number may be a code or the point a label shows: read when only one reading exists or both agree.
      const direct = asCodes(points, mention, 0);
      const shown = asCodes(points, mention, points.offset);
      if ('problem' in shown) return direct;
      if ('problem' in direct) return shown;
      if ('codes' in direct && 'codes' in shown && sameSet(direct.codes, shown.codes)) return direct;
      const codes = (r: NumberReadingResult) => ('codes' in r ? [...r.codes].sort((a, b) => Number(a) - Number(b)).join(', ') : '');
      return {
        problem: `"${mention.text}" could mean codes ${codes(direct)} of ${name} or the points labelled ${mention.text} (codes ${codes(shown)}): its labels show numbers other than their codes`,
      };
    }
  }
}

function asCodes(points: VariablePoints, mention: NumberMention, offset: number): NumberReadingResult {
  const name = points.variable.name;
  const known = points.codeTexts;
  const codes = new Set<Code>();
  for (const r of mention.intervals) {
    const single = Number.isFinite(r.low) && r.low === r.high;
    // Every number written is a point of the scale, an open end's too ("under 35" names no point of a 1-3 gender code).
    const ends = [r.low, r.high].filter((e) => Number.isFinite(e));
    for (const end of ends) {
      if (!known.has(String(end + offset))) return { problem: `${end} is not a code of ${name}` };
    }
    if (single) {
      codes.add(codeOf(points, r.low + offset));
      continue;
    }
    const shifted: Interval = { ...r, low: r.low + offset, high: r.high + offset };
    const inside = [...points.answers].filter((c): c is number => typeof c === 'number' && inInterval(c, shifted));
    if (inside.length === 0) return { problem: `no answer of ${name} lies in "${mention.text}"` };
    for (const c of inside) codes.add(c);
  }
  return { codes };
}

/** The code as the variable holds it (a numeric code, or the string code that reads as this number). */
function codeOf(points: VariablePoints, n: number): Code {
  return points.codes.find((c) => String(c) === String(n)) ?? n;
}

function throughBands(points: VariablePoints, mention: NumberMention): NumberReadingResult {
  const name = points.variable.name;
  const codes = new Set<Code>();
  for (const r of mention.intervals) {
    const target = {
      low: Number.isFinite(r.low) ? (r.lowOpen ? Math.floor(r.low) + 1 : r.low) : null,
      high: Number.isFinite(r.high) ? (r.highOpen ? Math.ceil(r.high) - 1 : r.high) : null,
    };
    // "Under 35" with a youngest band "18-34": an open end reaches as far as the outermost band does.
    const lows = points.bands.map((b) => b.range.low);
    const highs = points.bands.map((b) => b.range.high);
    if (target.low === null && lows.every((l) => l !== null)) target.low = Math.min(...(lows as number[]));
    if (target.high === null && highs.every((h) => h !== null)) target.high = Math.max(...(highs as number[]));
    const cover = exactCover(
      target,
      points.bands.map((b) => b.range),
    );
    if (!cover) {
      const bands = points.bands.map((b) => `"${labelOf(points.variable, b.code)}"`).join(', ');
      return { problem: `"${mention.text}" is not a whole number of the bands of ${name} (${bands})` };
    }
    for (const i of cover) codes.add(points.bands[i]!.code);
  }
  return { codes };
}

function sameSet(a: ReadonlySet<Code>, b: ReadonlySet<Code>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
