/** Dictionary entry of a variable to be written to a .sav file through pspp. */
export interface VariableSpec {
  name: string;
  label: string;
  type: 'numeric' | 'string';
  /** Print width (numeric) or string length. */
  width: number;
  decimals?: number;
  valueLabels?: Array<[number | string, string]>;
  /** Discrete user-missing codes. */
  missing?: number[];
  /** User-missing range (low THRU high). */
  missingRange?: [number, number];
  level?: 'nominal' | 'ordinal' | 'scale';
}

/** A multiple-response set declared with pspp's MRSETS: a dichotomy set (MDGROUP) or a category set (MCGROUP). */
export type SetSpec =
  | {
      kind: 'dichotomy';
      name: string;
      label?: string;
      variables: string[];
      value: number | string;
      categoryLabels?: 'varlabels' | 'countedvalues';
      /** With countedvalues: label the set by its first member's variable label instead of `label`. */
      labelFromVariable?: boolean;
    }
  | { kind: 'category'; name: string; label: string; variables: string[] };

/** A whole dataset to be written as a .sav: dictionary, rows (aligned with variables) and optional weight. */
export interface DatasetSpec {
  variables: VariableSpec[];
  rows: Array<Array<number | string | null>>;
  weight?: string;
  multiResponseSets?: SetSpec[];
  /** Character encoding of the file's text (pspp locale); UTF-8 when absent. */
  encoding?: string;
}
