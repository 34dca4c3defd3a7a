/** Comparison operators of the filter language. */
export type FilterOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A literal in a filter expression: a number or a double-quoted string. */
export type FilterValue = number | string;

/** Parsed filter expression (abstract syntax tree). */
export type FilterNode =
  | { type: 'or'; children: FilterNode[] }
  | { type: 'and'; children: FilterNode[] }
  | { type: 'not'; child: FilterNode }
  | { type: 'compare'; variable: string; op: FilterOperator; value: FilterValue }
  | { type: 'in'; variable: string; values: FilterValue[] }
  | { type: 'answered'; variable: string }
  | { type: 'true' };
