import { normalizeText } from '@/agents/textMatching';
import { selectedCode, type VariableIndex } from './variableIndex';

type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'slash' | 'dash' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
}

type Value = number | string;
/** A parsed condition, before printing in the filter language. */
export type ConditionNode =
  | { type: 'cmp'; variable: string; op: '==' | '!=' | '<' | '<=' | '>' | '>='; value: Value }
  | { type: 'in'; variable: string; values: Value[] }
  | { type: 'answered'; variable: string }
  | { type: 'and' | 'or'; items: ConditionNode[] }
  | { type: 'not'; item: ConditionNode };

/** Result of reading a condition out of free text. */
export interface ParsedCondition {
  /** Expression in the filter language; "" when the text names variables the data lacks. */
  expression: string;
  /** Canonical names of the variables used. */
  variables: string[];
  /** Variable-like names the text compares but the data does not have. */
  unknownVariables: string[];
  /** True when text outside the condition still contains words other than routing boilerplate. */
  hasSurroundingProse: boolean;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'ask', 'show', 'only', 'equals', 'equal', 'to', 'then', 'else']);
const SELECTED_WORDS = new Set(['selected', 'chosen', 'checked', 'ticked', 'mentioned', 'coded']);
const BOILERPLATE = new Set(['ask', 'if', 'only', 'show', 'display', 'base', 'filter', 'those', 'who', 'respondents', 'all', 'where', 'when', 'code', 'codes']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|("[^"]*"|“[^”]*”)|(\d+(?:\.\d+)?)|(==|!=|<>|<=|>=|=<|=>|≤|≥|&&|\|\||[=<>&|!])|([A-Za-z_][A-Za-z0-9_]*)|([([{])|([)\]}])|(,)|(\/)|([-–—])|(.)/gsu;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1].slice(1, -1) });
    else if (m[2] !== undefined) tokens.push({ kind: 'number', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'ident', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'lparen', text: m[5] });
    else if (m[6] !== undefined) tokens.push({ kind: 'rparen', text: m[6] });
    else if (m[7] !== undefined) tokens.push({ kind: 'comma', text: m[7] });
    else if (m[8] !== undefined) tokens.push({ kind: 'slash', text: m[8] });
    else if (m[9] !== undefined) tokens.push({ kind: 'dash', text: m[9] });
    else if (m[10] !== undefined) tokens.push({ kind: 'punct', text: m[10] });
  }
  return tokens;
}

const OP_MAP: Record<string, '==' | '!=' | '<' | '<=' | '>' | '>='> = {
  '=': '==', '==': '==', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '=<': '<=', '≤': '<=', '>': '>', '>=': '>=', '=>': '>=', '≥': '>=',
};

class Parser {
  pos = 0;
  readonly unknown = new Set<string>();
  readonly used = new Set<string>();

  constructor(private readonly tokens: Token[], private readonly index: VariableIndex) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isWord(t: Token | undefined, ...ws: string[]): boolean {
    return t?.kind === 'ident' && ws.includes(t.text.toLowerCase());
  }

  parseOr(): ConditionNode | null {
    const first = this.parseAnd();
    if (!first) return null;
    const items = [first];
    for (;;) {
      const save = this.pos;
      const t = this.peek();
      if (!(this.isWord(t, 'or') || (t?.kind === 'op' && (t.text === '|' || t.text === '||')))) break;
      this.pos++;
      const next = this.parseAnd();
      if (!next) {
        this.pos = save;
        break;
      }
      items.push(next);
    }
    return items.length === 1 ? first : { type: 'or', items };
  }

  private parseAnd(): ConditionNode | null {
    const first = this.parseUnary();
    if (!first) return null;
    const items = [first];
    for (;;) {
      const save = this.pos;
      const t = this.peek();
      if (!(this.isWord(t, 'and') || (t?.kind === 'op' && (t.text === '&' || t.text === '&&')))) break;
      this.pos++;
      const next = this.parseUnary();
      if (!next) {
        this.pos = save;
        break;
      }
      items.push(next);
    }
    return items.length === 1 ? first : { type: 'and', items };
  }

  private parseUnary(): ConditionNode | null {
    const save = this.pos;
    const t = this.peek();
    if (this.isWord(t, 'not') || (t?.kind === 'op' && t.text === '!')) {
      this.pos++;
      const inner = this.parseUnary();
      if (inner) return { type: 'not', item: inner };
      this.pos = save;
      return null;
    }
    if (t?.kind === 'lparen') {
      this.pos++;
      const inner = this.parseOr();
      if (inner && this.peek()?.kind === 'rparen') {
        this.pos++;
        return inner;
      }
      this.pos = save;
      return null;
    }
    const clause = this.parseClause();
    if (!clause) this.pos = save;
    return clause;
  }

  private parseClause(): ConditionNode | null {
    const t = this.peek();
    if (t?.kind !== 'ident') return null;
    if (this.isWord(t, 'answered') && this.peek(1)?.kind === 'lparen' && this.peek(2)?.kind === 'ident' && this.peek(3)?.kind === 'rparen') {
      const name = this.resolveName(this.peek(2)!.text, true);
      if (!name) return null;
      this.pos += 4;
      return { type: 'answered', variable: name };
    }
    if (KEYWORDS.has(t.text.toLowerCase())) return null;
    const known = this.index.get(t.text);
    const group = known ? undefined : this.index.group(t.text);
    const afterName = this.peek(1);
    const explicitOp = afterName?.kind === 'op' && OP_MAP[afterName.text] !== undefined;
    const wordOp = this.isWord(afterName, 'in', 'is', 'equals', 'not');
    if (!known && !group) {
      if (!(explicitOp || wordOp) || !looksLikeVariableId(t.text)) return null;
    }
    this.pos++;
    const variableText = t.text;

    let op: '==' | '!=' | '<' | '<=' | '>' | '>=' = '==';
    let listExpected = false;
    const n = this.peek();
    if (n?.kind === 'op' && OP_MAP[n.text]) {
      op = OP_MAP[n.text]!;
      this.pos++;
    } else if (this.isWord(n, 'in')) {
      this.pos++;
      listExpected = true;
    } else if (this.isWord(n, 'not') && this.isWord(this.peek(1), 'in')) {
      this.pos += 2;
      op = '!=';
      listExpected = true;
    } else if (this.isWord(n, 'is', 'equals')) {
      this.pos++;
      if (this.isWord(this.peek(), 'not')) {
        op = '!=';
        this.pos++;
      }
      if (this.isWord(this.peek(), 'equal') && this.isWord(this.peek(1), 'to')) this.pos += 2;
    } else if (n && n.kind === 'ident' && (SELECTED_WORDS.has(n.text.toLowerCase()) || this.isWord(n, 'answered'))) {
      // handled below
    } else if (!(known && n?.kind === 'number')) {
      return null;
    }

    const after = this.peek();
    if (after?.kind === 'ident' && SELECTED_WORDS.has(after.text.toLowerCase())) {
      this.pos++;
      const v = known ?? null;
      const name = this.resolveName(variableText, true);
      if (!name) return null;
      return { type: 'cmp', variable: name, op: op === '!=' ? '!=' : '==', value: v ? selectedCode(v) : 1 };
    }
    if (this.isWord(after, 'answered')) {
      this.pos++;
      const name = this.resolveName(variableText, true);
      if (!name) return null;
      const node: ConditionNode = { type: 'answered', variable: name };
      return op === '!=' ? { type: 'not', item: node } : node;
    }

    const values = this.parseValues(variableText, listExpected || op === '==' || op === '!=');
    if (!values || values.length === 0) return null;
    if (group && !known) return this.groupClause(variableText, op, values);
    const name = this.resolveName(variableText, false);
    if (!name) return null;
    if (values.length === 1 && !(listExpected && op === '==')) return { type: 'cmp', variable: name, op, value: values[0]! };
    const inNode: ConditionNode = { type: 'in', variable: name, values };
    if (op === '!=') return { type: 'not', item: inNode };
    if (op !== '==') return null;
    return inNode;
  }

  private groupClause(groupName: string, op: string, values: Value[]): ConditionNode | null {
    if (op !== '==' && op !== '!=') return null;
    const items: ConditionNode[] = [];
    for (const value of values) {
      const member = this.index.get(`${groupName}_${value}`);
      if (!member) {
        this.unknown.add(`${groupName}_${value}`);
        return null;
      }
      this.used.add(member.name);
      items.push({ type: 'cmp', variable: member.name, op: '==', value: selectedCode(member) });
    }
    const node: ConditionNode = items.length === 1 ? items[0]! : { type: 'or', items };
    return op === '!=' ? { type: 'not', item: node } : node;
  }

  private resolveName(text: string, mustExist: boolean): string | null {
    const v = this.index.get(text);
    if (v) {
      this.used.add(v.name);
      return v.name;
    }
    if (mustExist && !looksLikeVariableId(text)) return null;
    this.unknown.add(text);
    return text;
  }

  private parseValues(variableText: string, allowList: boolean): Value[] | null {
    const parenthesised = this.peek()?.kind === 'lparen';
    const save = this.pos;
    if (parenthesised) this.pos++;
    const values: Value[] = [];
    const first = this.parseValueItem(variableText);
    if (!first) {
      this.pos = save;
      return null;
    }
    values.push(...first);
    while (allowList) {
      const before = this.pos;
      const sep = this.peek();
      const isSep = sep?.kind === 'comma' || sep?.kind === 'slash' || this.isWord(sep, 'or');
      if (!isSep) break;
      this.pos++;
      // "Q3 = 4 or Q3 = 5": a name followed by an operator starts a new clause, not another value.
      const nt = this.peek();
      const startsClause = nt?.kind === 'ident' && (this.peek(1)?.kind === 'op' || this.isWord(this.peek(1), 'in', 'is', 'selected'));
      const item = startsClause ? null : this.parseValueItem(variableText);
      if (!item) {
        this.pos = before;
        break;
      }
      values.push(...item);
    }
    if (parenthesised) {
      if (this.peek()?.kind !== 'rparen') {
        this.pos = save;
        return null;
      }
      this.pos++;
    }
    return values;
  }

  private parseValueItem(variableText: string): Value[] | null {
    const t = this.peek();
    if (!t) return null;
    if (t.kind === 'dash' && this.peek(1)?.kind === 'number') {
      this.pos += 2;
      return [-Number(this.tokens[this.pos - 1]!.text)];
    }
    if (t.kind === 'number') {
      this.pos++;
      const low = Number(t.text);
      const d = this.peek();
      const hi = this.peek(1);
      if ((d?.kind === 'dash' || this.isWord(d, 'to', 'through', 'thru')) && hi?.kind === 'number') {
        const high = Number(hi.text);
        if (Number.isInteger(low) && Number.isInteger(high) && high >= low && high - low <= 50) {
          this.pos += 2;
          return Array.from({ length: high - low + 1 }, (_, k) => low + k);
        }
      }
      return [this.asVariableValue(variableText, low)];
    }
    if (t.kind === 'string') {
      this.pos++;
      return [this.labelToCode(variableText, t.text) ?? t.text];
    }
    if (t.kind === 'ident' && !KEYWORDS.has(t.text.toLowerCase())) {
      const code = this.labelToCode(variableText, t.text);
      if (code !== undefined) {
        this.pos++;
        return [code];
      }
    }
    return null;
  }

  private asVariableValue(variableText: string, n: number): Value {
    return this.index.get(variableText)?.type === 'string' ? String(n) : n;
  }

  private labelToCode(variableText: string, label: string): Value | undefined {
    const v = this.index.get(variableText);
    if (!v) return undefined;
    const key = normalizeText(label);
    return v.valueLabels.find((vl) => normalizeText(vl.label) === key)?.value;
  }
}

/** Looks like a data variable id rather than a word: has a digit (Q3, S1, ZZ9) or is all capitals (AGEGRP). */
export function looksLikeVariableId(text: string): boolean {
  if (KEYWORDS.has(text.toLowerCase())) return false;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && (/\d/.test(text) || (text.length >= 2 && text === text.toUpperCase() && /[A-Z]/.test(text)));
}

/**
 * Finds the first condition in free text ("Male (S1 = 1)", "ASK IF Q3 = 4 OR 5", "Q2_3 selected") and prints it in the filter language.
 * Null when the text contains no condition.
 */
export function parseCondition(text: string, index: VariableIndex): ParsedCondition | null {
  const tokens = tokenize(text);
  for (let start = 0; start < tokens.length; start++) {
    const parser = new Parser(tokens, index);
    parser.pos = start;
    const node = parser.parseOr();
    if (!node) continue;
    const outside = [...tokens.slice(0, start), ...tokens.slice(parser.pos)];
    const prose = outside.some((t) => t.kind === 'ident' && !BOILERPLATE.has(t.text.toLowerCase()));
    const unknownVariables = [...parser.unknown];
    return {
      expression: unknownVariables.length > 0 ? '' : printCondition(node),
      variables: [...parser.used],
      unknownVariables,
      hasSurroundingProse: prose,
    };
  }
  return null;
}

function formatValue(v: Value): string {
  return typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Prints a condition in the filter language, merging `X == a | X == b` into `X in (a, b)`. */
export function printCondition(node: ConditionNode): string {
  switch (node.type) {
    case 'cmp':
      return `${node.variable} ${node.op} ${formatValue(node.value)}`;
    case 'in':
      return node.values.length === 1
        ? `${node.variable} == ${formatValue(node.values[0]!)}`
        : `${node.variable} in (${node.values.map(formatValue).join(', ')})`;
    case 'answered':
      return `answered(${node.variable})`;
    case 'not':
      if (node.item.type === 'cmp' && node.item.op === '==') return `${node.item.variable} != ${formatValue(node.item.value)}`;
      if (node.item.type === 'cmp' && node.item.op === '!=') return `${node.item.variable} == ${formatValue(node.item.value)}`;
      return `!(${printCondition(node.item)})`;
    case 'and':
      return node.items
        .map((i) => {
          const printed = printCondition(i);
          return i.type === 'or' && printed.includes(' | ') ? `(${printed})` : printed;
        })
        .join(' & ');
    case 'or':
      return mergeEqualities(node.items).map(printCondition).join(' | ');
  }
}

function mergeEqualities(items: ConditionNode[]): ConditionNode[] {
  const out: ConditionNode[] = [];
  for (const item of items) {
    const values = item.type === 'in' ? item.values : item.type === 'cmp' && item.op === '==' ? [item.value] : null;
    const variable = item.type === 'in' || item.type === 'cmp' ? item.variable : null;
    const prev = out.find((o) => o.type === 'in' && o.variable === variable);
    if (values && variable && prev && prev.type === 'in') {
      for (const v of values) if (!prev.values.includes(v)) prev.values.push(v);
    } else if (values && variable) {
      out.push({ type: 'in', variable, values: [...values] });
    } else {
      out.push(item);
    }
  }
  return out;
}
