/** The filter language: parse, inspect, compile and explain filter expressions. */
export { parseFilter } from './parseFilter';
export { filterVariables, tryFilterVariables, variablesOfNode } from './filterVariables';
export { compileFilter, compileFilterNode, type RowPredicate } from './compileFilter';
export { describeFilterError } from './describeFilterError';
export { formatFilter } from './formatFilter';
export { ALL_RESPONDENTS, answeredBaseLabel, narrowedBaseLabel, type AnsweredVariable } from './baseLabel';
export { simplifyFilter } from './simplifyFilter';
export { FilterSyntaxError, UnknownVariableError, FilterTypeError } from './FilterErrors';
export type { FilterNode, FilterOperator, FilterValue } from './FilterNode';
