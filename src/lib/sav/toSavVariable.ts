import type { SavVariable, ValueLabel } from '@/lib/core/types';

/** The parts of sav-reader's variable object this module reads. */
export interface ReaderVariable {
  name: string;
  type: number;
  label: string | null;
  missing: unknown;
  __shortName?: string;
  /** Continuation records (8 bytes each) after the first segment of a string. */
  __nb_string_contin_recs?: number;
  /** Further 255-byte pieces of a very long string. */
  __child_string_sysvars?: ReaderVariable[];
}

/** sav-reader's value label entry. */
export interface ReaderValueLabel {
  val: number | string;
  label: string;
}

type Missing = SavVariable['missing'];
/** Decodes a binary string from the reader into text in the file's encoding. */
type TextDecode = (binary: string) => string;

/** sav-reader reads every missing value as a float; string missing values are those 8 bytes as text. */
function asMissingValue(value: number, isString: boolean): number | string {
  if (!isString) return value;
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return bytes.toString('latin1');
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && !Number.isNaN(x);
}

/** Normalise sav-reader's missing-value shapes (a number, an array, or {min, max, value?}); string values come back as binary strings. */
export function normaliseMissing(raw: unknown, isString: boolean): Missing {
  if (isNumber(raw)) return { values: [asMissingValue(raw, isString)] };
  if (Array.isArray(raw)) return { values: raw.filter(isNumber).map((v) => asMissingValue(v, isString)) };
  if (raw && typeof raw === 'object') {
    const r = raw as { min?: unknown; max?: unknown; value?: unknown };
    const values = isNumber(r.value) ? [asMissingValue(r.value, isString)] : [];
    if (isNumber(r.min) && isNumber(r.max)) return { values, range: { low: r.min, high: r.max } };
    return { values };
  }
  return { values: [] };
}

/** Convert one sav-reader variable (with its value labels and measure) into the pipeline's SavVariable, decoding its text with `text`. */
export function toSavVariable(v: ReaderVariable, labels: ReaderValueLabel[] | null, measure: SavVariable['measure'], text: TextDecode): SavVariable {
  const isString = v.type === 1;
  const valueLabels: ValueLabel[] = (labels ?? []).map((e) => ({
    value: typeof e.val === 'string' ? text(e.val).trimEnd() : e.val,
    label: text(String(e.label ?? '')).trim(),
  }));
  const missing = normaliseMissing(v.missing, isString);
  const out: SavVariable = {
    name: text(v.name),
    label: text(v.label ?? '').trim(),
    type: isString ? 'string' : 'numeric',
    missing: { ...missing, values: missing.values.map((m) => (typeof m === 'string' ? text(m).trimEnd() : m)) },
    valueLabels,
  };
  if (measure) out.measure = measure;
  return out;
}
