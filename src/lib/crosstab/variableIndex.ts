import type { SavVariable } from '@/lib/core/types';

/** Case-insensitive lookup of a dataset's variables by name, giving the column index and the dictionary entry. */
export interface VariableIndex {
  get(name: string): { index: number; variable: SavVariable } | undefined;
}

/** Build a VariableIndex (first variable wins when two names differ only by case). */
export function indexVariables(variables: SavVariable[]): VariableIndex {
  const map = new Map<string, { index: number; variable: SavVariable }>();
  variables.forEach((variable, index) => {
    const key = variable.name.toLowerCase();
    if (!map.has(key)) map.set(key, { index, variable });
  });
  return { get: (name) => map.get(name.toLowerCase()) };
}
