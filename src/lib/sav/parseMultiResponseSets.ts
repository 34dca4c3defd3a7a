import { SavFormatError } from './SavFormatError';

/** One multiple-response set as a dictionary record states it: members by short name, text decoded. */
export interface RecordedMultiResponseSet {
  name: string;
  type: 'dichotomy' | 'category';
  categoryLabels: 'varlabels' | 'countedvalues';
  /** CATEGORYLABELS=COUNTEDVALUES with LABELSOURCE=VARLABEL: the set is labelled by its first labelled member. */
  labelFromVariables: boolean;
  /** Dichotomy sets: the counted value as written (digits for numeric sets). */
  countedValue: string | null;
  label: string;
  shortNames: string[];
}

const LF = 0x0a;
const SPACE = 0x20;
const EQUALS = 0x3d;

/**
 * Parse one multiple-response set record (type 7, subtype 7 or 19): lines of `$name=C|D|E …` as PSPP documents them
 * ("Multiple Response Sets Records"). Throws SavFormatError naming the set and the problem.
 */
export function parseMultiResponseSets(bytes: Buffer, decode: (bytes: Buffer) => string): RecordedMultiResponseSet[] {
  const sets: RecordedMultiResponseSet[] = [];
  let pos = 0;
  for (;;) {
    while (pos < bytes.length && bytes[pos] === LF) pos++;
    if (pos >= bytes.length) return sets;
    const line = bytes.indexOf(LF, pos);
    const end = line < 0 ? bytes.length : line;
    const equals = bytes.indexOf(EQUALS, pos);
    if (equals < 0 || equals > end) throw new SavFormatError(`a set has no "=" after its name (at byte ${pos} of the record)`);
    const name = decode(bytes.subarray(pos, equals));
    if (!name.startsWith('$') || name.length < 2) throw new SavFormatError(`set name "${name}" does not begin with "$"`);
    const set = parseSetBody(bytes, equals + 1, name, decode);
    sets.push(set.value);
    pos = set.next;
  }
}

/** The part after `$name=`: type letter, counted value, label and member names, up to the line's end. */
function parseSetBody(bytes: Buffer, start: number, name: string, decode: (bytes: Buffer) => string): { value: RecordedMultiResponseSet; next: number } {
  const fail = (problem: string): never => {
    throw new SavFormatError(`set ${name} ${problem}`);
  };
  let pos = start;
  const letter = String.fromCharCode(bytes[pos] ?? 0);
  pos++;
  const expectSpace = (after: string) => {
    if (bytes[pos] !== SPACE) fail(`has no space after ${after}`);
    pos++;
  };
  /** A decimal byte count, a space, that many bytes, then a space. */
  const countedString = (what: string): string => {
    const digitsStart = pos;
    while (pos < bytes.length && bytes[pos]! >= 0x30 && bytes[pos]! <= 0x39) pos++;
    if (pos === digitsStart) fail(`has no length before its ${what}`);
    const length = Number(bytes.toString('latin1', digitsStart, pos));
    expectSpace(`the length of its ${what}`);
    if (pos + length > bytes.length) fail(`has a ${what} that runs past the end of the record`);
    const text = decode(bytes.subarray(pos, pos + length));
    pos += length;
    expectSpace(`its ${what}`);
    return text;
  };

  let type: RecordedMultiResponseSet['type'] = 'dichotomy';
  let categoryLabels: RecordedMultiResponseSet['categoryLabels'] = 'varlabels';
  let labelFromVariables = false;
  if (letter === 'C') {
    type = 'category';
    expectSpace('"C"');
  } else if (letter === 'E') {
    categoryLabels = 'countedvalues';
    expectSpace('"E"');
    const sourceEnd = bytes.indexOf(SPACE, pos);
    if (sourceEnd < 0) fail('ends after "E"');
    const source = bytes.toString('latin1', pos, sourceEnd);
    if (source !== '1' && source !== '11') fail(`has label source "${source}" (expected 1 or 11)`);
    labelFromVariables = source === '11';
    pos = sourceEnd + 1;
  } else if (letter !== 'D') {
    fail(`has type "${letter}" (expected C, D or E)`);
  }
  const countedValue = type === 'dichotomy' ? countedString('counted value') : null;
  const label = countedString('label');

  const lineEnd = bytes.indexOf(LF, pos);
  const end = lineEnd < 0 ? bytes.length : lineEnd;
  const shortNames = decode(bytes.subarray(pos, end))
    .split(' ')
    .filter((n) => n !== '');
  return { value: { name, type, categoryLabels, labelFromVariables, countedValue, label, shortNames }, next: end };
}
