import { FilterSyntaxError } from './FilterErrors';
import type { FilterNode, FilterValue } from './FilterNode';
import { tokenizeFilter, type FilterToken } from './tokenizeFilter';

/** Bound on nesting of '(' and '!' so hostile input fails with a syntax error rather than exhausting the stack. */
const MAX_DEPTH = 200;

/** Parse a filter expression into its syntax tree; throws FilterSyntaxError with the offending position. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenizeFilter(text);
  let index = 0;
  let depth = 0;

  const peek = (offset = 0): FilterToken => tokens[Math.min(index + offset, tokens.length - 1)] as FilterToken;
  const next = (): FilterToken => {
    const token = peek();
    if (token.kind !== 'end') index++;
    return token;
  };
  const fail = (message: string, token: FilterToken = peek()): never => {
    throw new FilterSyntaxError(message, text, token.pos);
  };
  const isPunct = (token: FilterToken, p: string): boolean => token.kind === 'punct' && token.text === p;
  const expectPunct = (p: string, what: string): void => {
    if (!isPunct(peek(), p)) fail(`Expected '${p}' ${what}, found ${describe(peek())}`);
    next();
  };
  const isKeyword = (token: FilterToken, word: string): boolean => token.kind === 'ident' && token.text.toLowerCase() === word;

  const parseOr = (): FilterNode => {
    const children = [parseAnd()];
    while (isPunct(peek(), '|')) {
      next();
      children.push(parseAnd());
    }
    return children.length === 1 ? (children[0] as FilterNode) : { type: 'or', children };
  };

  const parseAnd = (): FilterNode => {
    const children = [parseUnary()];
    while (isPunct(peek(), '&')) {
      next();
      children.push(parseUnary());
    }
    return children.length === 1 ? (children[0] as FilterNode) : { type: 'and', children };
  };

  const parseValue = (): FilterValue => {
    const token = next();
    if (token.kind === 'number') return token.value;
    if (token.kind === 'string') return token.value;
    return fail(`Expected a number or a "quoted string", found ${describe(token)}`, token);
  };

  const nested = <T>(token: FilterToken, parse: () => T): T => {
    if (++depth > MAX_DEPTH) fail(`Expression nested more than ${MAX_DEPTH} levels deep`, token);
    const result = parse();
    depth--;
    return result;
  };

  const parseUnary = (): FilterNode => {
    const token = peek();
    if (isPunct(token, '!')) {
      next();
      return nested(token, () => ({ type: 'not', child: parseUnary() }));
    }
    if (isPunct(token, '(')) {
      next();
      return nested(token, () => {
        const inner = parseOr();
        expectPunct(')', 'to close the parenthesis');
        return inner;
      });
    }
    if (token.kind !== 'ident') return fail(`Expected a condition, found ${describe(token)}`, token);
    const after = peek(1);
    if (isKeyword(token, 'answered') && isPunct(after, '(')) {
      next();
      next();
      const variable = next();
      if (variable.kind !== 'ident') return fail(`Expected a variable name, found ${describe(variable)}`, variable);
      expectPunct(')', 'after the variable name');
      return { type: 'answered', variable: variable.text };
    }
    if (token.text === 'TRUE' && after.kind !== 'op' && !isKeyword(after, 'in')) {
      next();
      return { type: 'true' };
    }
    next();
    if (after.kind === 'op') {
      next();
      return { type: 'compare', variable: token.text, op: after.text, value: parseValue() };
    }
    if (isKeyword(after, 'in')) {
      next();
      expectPunct('(', "after 'in'");
      const values = [parseValue()];
      while (isPunct(peek(), ',')) {
        next();
        values.push(parseValue());
      }
      expectPunct(')', 'to close the value list');
      return { type: 'in', variable: token.text, values };
    }
    return fail(`Expected a comparison operator or 'in' after '${token.text}', found ${describe(after)}`, after);
  };

  if (peek().kind === 'end') fail('Empty filter expression');
  const tree = parseOr();
  if (peek().kind !== 'end') fail(`Unexpected ${describe(peek())}`);
  return tree;
}

function describe(token: FilterToken): string {
  switch (token.kind) {
    case 'end':
      return 'end of expression';
    case 'ident':
      return `'${token.text}'`;
    case 'number':
      return `number ${token.value}`;
    case 'string':
      return `string "${token.value}"`;
    default:
      return `'${token.text}'`;
  }
}
