import type { MultiResponseSet, SavVariable } from '@/lib/core/types';
import type { RecordedMultiResponseSet } from './parseMultiResponseSets';
import { SavFormatError } from './SavFormatError';

/**
 * Turn recorded sets into the dataset's sets: members by their dictionary names, a numeric counted value for numeric
 * members, the label taken from the members when the record says so. Sets with fewer than two members (some writers
 * leave such sets behind) are dropped; a member the dictionary lacks, mixed numeric and string members, a counted value
 * that is not a number for numeric members, or a set declared twice throw SavFormatError.
 */
export function resolveMultiResponseSets(recorded: RecordedMultiResponseSet[], variables: SavVariable[], shortNames: string[]): MultiResponseSet[] {
  const byName = new Map<string, SavVariable>();
  for (const v of variables) byName.set(v.name.toLowerCase(), v);
  // Records name members by short name; short names win over long names that happen to read the same.
  variables.forEach((v, i) => {
    const short = shortNames[i];
    if (short) byName.set(short.toLowerCase(), v);
  });

  const seen = new Set<string>();
  const sets: MultiResponseSet[] = [];
  for (const r of recorded) {
    const key = r.name.toLowerCase();
    if (seen.has(key)) throw new SavFormatError(`set ${r.name} is declared twice`);
    seen.add(key);
    const members = r.shortNames.map((short) => {
      const v = byName.get(short.toLowerCase());
      if (!v) throw new SavFormatError(`set ${r.name} names variable ${short}, which is not in the file`);
      return v;
    });
    if (members.length < 2) continue;
    const type = members[0]!.type;
    if (members.some((m) => m.type !== type)) throw new SavFormatError(`set ${r.name} mixes numeric and string variables`);

    const label = r.labelFromVariables ? (members.find((m) => m.label !== '')?.label ?? '') : r.label.trim();
    const set: MultiResponseSet = { name: r.name, label, type: r.type, variables: members.map((m) => m.name) };
    if (r.type === 'dichotomy') {
      set.countedValue = countedValueOf(r, type);
      set.categoryLabels = r.categoryLabels;
    }
    sets.push(set);
  }
  return sets;
}

function countedValueOf(r: RecordedMultiResponseSet, type: SavVariable['type']): number | string {
  const text = (r.countedValue ?? '').trimEnd();
  if (type === 'string') return text;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new SavFormatError(`set ${r.name} counts "${text}", which is not a number, on numeric variables`);
  }
  return value;
}
