import { codesShownAsOtherNumbers, describeCodes } from '@/lib/core/numericAnswers';
import type { DataMap, DataMapVariable, SavVariable, TableDefinition } from '@/lib/core/types';

/**
 * The warnings a numeric table's reading calls for, one per table and reason: the respondents coded with a non-answer
 * label ("Refused") that the file does not declare missing, left out of its base and statistics; and the labels that
 * show other numbers than the codes, for which no statistics are given.
 */
export function numericWarnings(tables: readonly TableDefinition[], dataMap: DataMap, variables: readonly SavVariable[]): string[] {
  const mapVariables = new Map(dataMap.variables.map((v) => [v.name.toLowerCase(), v]));
  const dictionary = new Map(variables.map((v) => [v.name.toLowerCase(), v]));
  const warnings: string[] = [];
  for (const table of tables) {
    const variableName = table.variables[0];
    if (table.kind !== 'numeric' || variableName === undefined) continue;
    const name = variableName.toLowerCase();
    // The table as a reader finds it, named by its variable unless its title already is ("AGE: Age in years").
    const title = table.title.toLowerCase();
    const subject = title.startsWith(`${name}:`) || title.startsWith(`${name}.`) ? `"${table.title}"` : `${variableName} ("${table.title}")`;
    const counted = countedNonAnswers(mapVariables.get(name));
    if (counted) {
      warnings.push(
        `${subject}: ${counted} left out of its base and statistics, as missing: the labels say these codes are not answers, though the file does not declare them missing.`,
      );
    }
    const variable = dictionary.get(name);
    const shown = variable ? codesShownAsOtherNumbers(variable) : [];
    if (shown.length > 0) {
      warnings.push(
        `${subject}: its value labels show other numbers than its codes (${describeCodes(shown)}), so a mean, median, minimum or maximum of the codes would not be of the numbers respondents saw: no statistics are given${table.rows.length > 0 ? ', and the rows count each stored code' : ''}.`,
      );
    }
  }
  return warnings;
}

/** `22 coded 99 "Refused"`, for the non-answer codes of a data-map variable some case holds; null when none. */
function countedNonAnswers(variable: DataMapVariable | undefined): string | null {
  const held = (variable?.nonAnswers ?? []).filter((c) => c.count > 0);
  return held.length === 0 ? null : held.map((c) => `${c.count} coded ${c.value} "${c.label}"`).join(', ');
}
