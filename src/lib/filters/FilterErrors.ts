/** A filter expression that does not follow the grammar; `position` is the 0-based character offset. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  readonly position: number;
  readonly expression: string;
  constructor(message: string, expression: string, position: number) {
    super(`${message} at position ${position}`);
    this.position = position;
    this.expression = expression;
  }
}

/** A filter expression naming variables that are not in the data. */
export class UnknownVariableError extends Error {
  override readonly name = 'UnknownVariableError';
  readonly variables: string[];
  readonly expression: string;
  constructor(variables: string[], expression: string) {
    super(`Unknown variable${variables.length === 1 ? '' : 's'}: ${variables.join(', ')}`);
    this.variables = variables;
    this.expression = expression;
  }
}

/** A comparison whose literal cannot match the variable's type (e.g. a text literal against a numeric variable). */
export class FilterTypeError extends Error {
  override readonly name = 'FilterTypeError';
  readonly variable: string;
  readonly expression: string;
  constructor(message: string, variable: string, expression: string) {
    super(message);
    this.variable = variable;
    this.expression = expression;
  }
}
