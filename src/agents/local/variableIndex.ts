import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { normalizeText } from '@/agents/textMatching';
import { selectedCode } from '@/lib/core/selectedCode';

/** Case-insensitive lookup of the variables a solver was given, plus multi-response groups and value labels. */
export class VariableIndex {
  private readonly byName = new Map<string, VariableSummary>();
  private readonly byGroup = new Map<string, VariableSummary[]>();
  /** Per variable, its codes by normalised label (built on first use). */
  private readonly codesByLabel = new Map<VariableSummary, Map<string, number | string>>();

  constructor(readonly variables: readonly VariableSummary[]) {
    for (const v of variables) {
      this.byName.set(v.name.toLowerCase(), v);
      if (v.group) {
        const key = v.group.toLowerCase();
        const members = this.byGroup.get(key);
        if (members) members.push(v);
        else this.byGroup.set(key, [v]);
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

  /** The code whose value label reads as `label` (normalised; the first such label wins), for the named variable or set. */
  codeOfLabel(variableName: string, label: string): number | string | undefined {
    const v = this.get(variableName);
    if (!v) {
      for (const member of this.group(variableName) ?? []) {
        const code = this.codeOfLabel(member.name, label);
        if (code !== undefined) return code;
      }
      return undefined;
    }
    let codes = this.codesByLabel.get(v);
    if (!codes) {
      codes = new Map();
      for (const vl of v.valueLabels) {
        const key = normalizeText(vl.label);
        if (!codes.has(key)) codes.set(key, vl.value);
      }
      this.codesByLabel.set(v, codes);
    }
    return codes.get(normalizeText(label));
  }
}

/** The code that means "selected" for a binary multi-response variable: its declared set's counted value, else the rule the computation counts by. */
export function selectedCodeOf(v: VariableSummary): number | string {
  if (v.set?.type === 'dichotomy' && v.set.countedValue !== undefined) return v.set.countedValue;
  return selectedCode({ valueLabels: v.valueLabels, missing: { values: v.missingValues } });
}
