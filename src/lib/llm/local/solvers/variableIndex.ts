import type { VariableSummary } from '@/agents/dataMapExcerpt';

/** Case-insensitive lookup of the variables a solver was given, plus multi-response groups. */
export class VariableIndex {
  private readonly byName = new Map<string, VariableSummary>();
  private readonly byGroup = new Map<string, VariableSummary[]>();

  constructor(readonly variables: readonly VariableSummary[]) {
    for (const v of variables) {
      this.byName.set(v.name.toLowerCase(), v);
      if (v.group) {
        const key = v.group.toLowerCase();
        this.byGroup.set(key, [...(this.byGroup.get(key) ?? []), v]);
      }
    }
  }

  /** The variable with this name, any case. */
  get(name: string): VariableSummary | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The member variables of a multi-response group, any case. */
  group(name: string): VariableSummary[] | undefined {
    return this.byGroup.get(name.toLowerCase());
  }
}

/** The code that means "selected" for a binary multi-response variable (a "Yes"/"Selected" label, else 1). */
export function selectedCode(v: VariableSummary): number | string {
  const hit = v.valueLabels.find((vl) => /^(yes|selected|checked|ticked|mentioned|chosen|mentioned)\b/i.test(vl.label.trim()));
  return hit ? hit.value : 1;
}
