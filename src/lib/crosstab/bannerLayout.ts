import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { compileFilter, describeFilterError, type RowPredicate } from '@/lib/filters';
import type { Banner, SavVariable } from '@/lib/core/types';
import { columnLetter } from './columnLetter';

/** One output column: Total or a banner column, with its compiled filter and its banner group position. */
export interface LayoutColumn {
  id: string;
  label: string;
  group: string;
  letter: string;
  /** Index of the banner group, -1 for Total. */
  groupIndex: number;
  matches: RowPredicate;
}

/** Total followed by every banner column (lettered A, B, C... across the banner), each filter compiled once. */
export function bannerLayout(banner: Banner, variables: SavVariable[]): LayoutColumn[] {
  const columns: LayoutColumn[] = [{ id: 'total', label: 'Total', group: 'Total', letter: '', groupIndex: -1, matches: () => true }];
  let position = 0;
  banner.groups.forEach((group, groupIndex) => {
    for (const column of group.columns) {
      let matches: RowPredicate;
      try {
        matches = compileFilter(column.expression, variables);
      } catch (err) {
        throw new PipelineInputError(`Banner column "${column.label}" (${group.label}): ${describeFilterError(err)}`, {
          stage: 'CrosstabComputation',
          cause: err,
        });
      }
      columns.push({
        id: column.id,
        label: column.label,
        group: group.label,
        letter: columnLetter(position++),
        groupIndex,
        matches,
      });
    }
  });
  return columns;
}
