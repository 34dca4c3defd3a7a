import { z } from 'zod';
import type { DataMap, DataMapVariable, MultiResponseSet } from '@/lib/core/types';

/** Dictionary-level description of one variable, as agents show it to a model (never respondent rows). */
export const variableSummarySchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(['single', 'multi', 'numeric', 'text', 'id', 'weight']),
  type: z.enum(['numeric', 'string']),
  valueLabels: z.array(z.object({ value: z.union([z.number(), z.string()]), label: z.string() })),
  missingValues: z.array(z.union([z.number(), z.string()])),
  group: z.string().optional(),
  /** For a member of a multiple-response set declared in the file: how the set counts its members. */
  set: z
    .object({
      name: z.string(),
      type: z.enum(['dichotomy', 'category']),
      countedValue: z.union([z.number(), z.string()]).optional(),
      categoryLabels: z.enum(['varlabels', 'countedvalues']).optional(),
    })
    .optional(),
  answered: z.number(),
});
/** Dictionary-level description of one variable. */
export type VariableSummary = z.infer<typeof variableSummarySchema>;

/** The dictionary facts of a data-map variable (see summariesOf for members of declared sets). */
export function toVariableSummary(v: DataMapVariable): VariableSummary {
  return {
    name: v.name,
    label: v.label,
    kind: v.kind,
    type: v.type,
    valueLabels: v.valueLabels.map((vl) => ({ value: vl.value, label: vl.label })),
    missingValues: [...v.missingValues],
    ...(v.group === undefined ? {} : { group: v.group }),
    answered: v.answered,
  };
}

function setReading(set: MultiResponseSet): NonNullable<VariableSummary['set']> {
  return {
    name: set.name,
    type: set.type,
    ...(set.countedValue === undefined ? {} : { countedValue: set.countedValue }),
    ...(set.categoryLabels === undefined ? {} : { categoryLabels: set.categoryLabels }),
  };
}

/** The summaries of some data-map variables, each member of a declared set knowing its set. */
export function summariesOf(dataMap: DataMap, variables: readonly DataMapVariable[]): VariableSummary[] {
  const sets = new Map<string, MultiResponseSet>();
  for (const q of dataMap.questions) if (q.declaredSet) for (const name of q.declaredSet.variables) sets.set(name.toLowerCase(), q.declaredSet);
  return variables.map((v) => {
    const set = sets.get(v.name.toLowerCase());
    return set === undefined ? toVariableSummary(v) : { ...toVariableSummary(v), set: setReading(set) };
  });
}

/** Variables useful for defining respondent subgroups (categorical or numeric, not ids, weights or free text). */
export function subgroupVariables(dataMap: DataMap): VariableSummary[] {
  return summariesOf(
    dataMap,
    dataMap.variables.filter((v) => v.kind === 'single' || v.kind === 'multi' || v.kind === 'numeric'),
  );
}

/** Finds a data-map variable by name, case-insensitively. */
export function findVariable(dataMap: DataMap, name: string): DataMapVariable | undefined {
  const key = name.toLowerCase();
  return dataMap.variables.find((v) => v.name.toLowerCase() === key);
}

/** Lower-cased names of the data map's variables, for checking many names against it in constant time each. */
export function variableNameSet(dataMap: DataMap): Set<string> {
  return new Set(dataMap.variables.map((v) => v.name.toLowerCase()));
}

const MAX_LABELS_SHOWN = 20;

/** Renders variable summaries as compact prompt lines: `S1 [single] "Gender": 1=Male; 2=Female`. */
export function formatVariableSummaries(vars: readonly VariableSummary[]): string {
  return vars
    .map((v) => {
      const labels = v.valueLabels
        .slice(0, MAX_LABELS_SHOWN)
        .map((vl) => `${vl.value}=${vl.label}`)
        .join('; ');
      const more = v.valueLabels.length > MAX_LABELS_SHOWN ? `; … (${v.valueLabels.length - MAX_LABELS_SHOWN} more)` : '';
      const missing = v.missingValues.length > 0 ? ` missing: ${v.missingValues.join(', ')}` : '';
      const group = v.set ? ` (part of ${v.set.name}, ${setWords(v.set)})` : v.group ? ` (part of ${v.group})` : '';
      return `${v.name} [${v.kind}]${group} "${v.label}"${labels ? `: ${labels}${more}` : ''}${missing}`;
    })
    .join('\n');
}

/** "category set: a code counts when any member holds it", "dichotomy set: counted when = 2". */
function setWords(set: NonNullable<VariableSummary['set']>): string {
  return set.type === 'category' ? 'category set: a code counts when any member holds it' : `dichotomy set: selected when = ${set.countedValue ?? 1}`;
}
