import type { FilterNode, FilterOperator, FilterValue } from '@/lib/filters';
import type { ConditionToken } from './conditionTokens';
import { selectedCodeOf, type VariableIndex } from './variableIndex';

/** Words that are never variable names in a condition. */
export const CONDITION_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'ask', 'show', 'only', 'equals', 'equal', 'to', 'then', 'else']);
const OPEN_ABOVE = ['over', 'above', 'older', 'more', 'higher'];
const OPEN_BELOW = ['under', 'below', 'younger', 'less', 'lower', 'fewer'];
/** Most words of a value label read after an operator ("Q3 = Every day"). */
const MAX_LABEL_WORDS = 6;
const SELECTED_WORDS = new Set(['selected', 'chosen', 'checked', 'ticked', 'mentioned', 'coded']);
const OP_MAP: Record<string, FilterOperator> = {
  '=': '==',
  '==': '==',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '=<': '<=',
  '≤': '<=',
  '>': '>',
  '>=': '>=',
  '=>': '>=',
  '≥': '>=',
};

/** Looks like a data variable id rather than a word: has a digit (Q3, S1, ZZ9) or is all capitals (AGEGRP). */
export function looksLikeVariableId(text: string): boolean {
  if (CONDITION_KEYWORDS.has(text.toLowerCase())) return false;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && (/\d/.test(text) || (text.length >= 2 && text === text.toUpperCase() && /[A-Z]/.test(text)));
}

/** True when the token is one of these words (any case). */
export function isWord(t: ConditionToken | undefined, ...ws: string[]): boolean {
  return t?.kind === 'ident' && ws.includes(t.text.toLowerCase());
}

/**
 * Reads one clause ("S1 = 2", "Q1 in 1, 2", "Q2_3 selected", "answered(Q7)", "Q8 = 2" for an option of group Q8) at a
 * token position. Its cost is the clause's own length: a value list ends at the first token that is not a separator
 * followed by a value. Names the data lacks are kept as written, so the caller can report them.
 */
export class ClauseReader {
  private pos = 0;

  constructor(
    private readonly tokens: readonly ConditionToken[],
    private readonly index: VariableIndex,
  ) {}

  /** The position after the clause last read. */
  get end(): number {
    return this.pos;
  }

  /** The clause starting at token `start` (see `end` for where it stops), or null. */
  readAt(start: number): FilterNode | null {
    this.pos = start;
    return this.clause();
  }

  private peek(offset = 0): ConditionToken | undefined {
    return this.tokens[this.pos + offset];
  }

  private clause(): FilterNode | null {
    const t = this.peek();
    if (t?.kind !== 'ident') return null;
    if (isWord(t, 'answered') && this.peek(1)?.kind === 'lparen' && this.peek(2)?.kind === 'ident' && this.peek(3)?.kind === 'rparen') {
      const name = this.resolveName(this.peek(2)!.text, true);
      if (!name) return null;
      this.pos += 4;
      return { type: 'answered', variable: name };
    }
    if (CONDITION_KEYWORDS.has(t.text.toLowerCase())) return null;
    const known = this.index.get(t.text);
    const group = known ? undefined : this.index.group(t.text);
    const afterName = this.peek(1);
    const explicitOp = afterName?.kind === 'op' && OP_MAP[afterName.text] !== undefined;
    const wordOp = isWord(afterName, 'in', 'is', 'equals', 'not');
    if (!known && !group) {
      if (!(explicitOp || wordOp) || !looksLikeVariableId(t.text)) return null;
    }
    this.pos++;
    const variableText = t.text;

    let op: FilterOperator = '==';
    let listExpected = false;
    const n = this.peek();
    if (n?.kind === 'op' && OP_MAP[n.text]) {
      op = OP_MAP[n.text]!;
      this.pos++;
    } else if (isWord(n, 'in')) {
      this.pos++;
      listExpected = true;
    } else if (isWord(n, 'not') && isWord(this.peek(1), 'in')) {
      this.pos += 2;
      op = '!=';
      listExpected = true;
    } else if (isWord(n, 'is', 'equals')) {
      this.pos++;
      if (isWord(this.peek(), 'not')) {
        op = '!=';
        this.pos++;
      }
      if (isWord(this.peek(), 'equal') && isWord(this.peek(1), 'to')) this.pos += 2;
    } else if (n && n.kind === 'ident' && (SELECTED_WORDS.has(n.text.toLowerCase()) || isWord(n, 'answered'))) {
      // handled below
    } else if (!(known && n?.kind === 'number')) {
      return null;
    }

    const after = this.peek();
    if (after?.kind === 'ident' && SELECTED_WORDS.has(after.text.toLowerCase())) {
      this.pos++;
      const name = this.resolveName(variableText, true);
      if (!name) return null;
      return { type: 'compare', variable: name, op: op === '!=' ? '!=' : '==', value: known ? selectedCodeOf(known) : 1 };
    }
    if (isWord(after, 'answered')) {
      this.pos++;
      const name = this.resolveName(variableText, true);
      if (!name) return null;
      const node: FilterNode = { type: 'answered', variable: name };
      return op === '!=' ? { type: 'not', child: node } : node;
    }

    const values = this.values(variableText, listExpected || op === '==' || op === '!=');
    if (!values || values.length === 0) return null;
    if (group && !known) return this.groupClause(variableText, op, values);
    const name = this.resolveName(variableText, false);
    if (!name) return null;
    // "age 35+", "AGE = 35 and over": an open range, not the one value.
    const open = values.length === 1 && op === '==' && !listExpected && typeof values[0] === 'number' ? this.openRange() : null;
    if (open) return { type: 'compare', variable: name, op: open, value: values[0]! };
    if (values.length === 1 && !(listExpected && op === '==')) return { type: 'compare', variable: name, op, value: values[0]! };
    const inNode: FilterNode = { type: 'in', variable: name, values };
    if (op === '!=') return { type: 'not', child: inNode };
    if (op !== '==') return null;
    return inNode;
  }

  /**
   * "Q8 = 2" for multi-response group Q8 → Q8_2 selected; an option the data lacks stays as an unknown Q8_<value>.
   * "$reasons = 1" for a declared category set → any member holds 1.
   */
  private groupClause(groupName: string, op: string, values: FilterValue[]): FilterNode | null {
    if (op !== '==' && op !== '!=') return null;
    const members = this.index.group(groupName) ?? [];
    const category = members.length > 0 && members.every((m) => m.set?.type === 'category');
    const items: FilterNode[] = category
      ? values.flatMap((value) => members.map((m): FilterNode => ({ type: 'compare', variable: m.name, op: '==', value })))
      : values.map((value) => {
          const member = this.index.get(`${groupName}_${value}`);
          return member
            ? { type: 'compare', variable: member.name, op: '==', value: selectedCodeOf(member) }
            : { type: 'compare', variable: `${groupName}_${value}`, op: '==', value: 1 };
        });
    const node: FilterNode = items.length === 1 ? items[0]! : { type: 'or', children: items };
    return op === '!=' ? { type: 'not', child: node } : node;
  }

  /** After a number: "+", "plus", "and over", "or more" → '>='; "and under", "or less" → '<=' (consumed); else null. */
  private openRange(): '>=' | '<=' | null {
    const k = isWord(this.peek(), 'years', 'year', 'yrs') ? 1 : 0;
    const t = this.peek(k);
    if ((t?.kind === 'punct' && t.text === '+') || isWord(t, 'plus')) {
      this.pos += k + 1;
      return '>=';
    }
    if (!isWord(t, 'and', 'or')) return null;
    const word = this.peek(k + 1);
    const op = isWord(word, ...OPEN_ABOVE) ? '>=' : isWord(word, ...OPEN_BELOW) ? '<=' : null;
    if (op) this.pos += k + 2;
    return op;
  }

  /** The data's spelling of a name, or the name as written when the data lacks it (null when it cannot be a variable). */
  private resolveName(text: string, mustExist: boolean): string | null {
    const v = this.index.get(text);
    if (v) return v.name;
    if (mustExist && !looksLikeVariableId(text)) return null;
    return text;
  }

  private values(variableText: string, allowList: boolean): FilterValue[] | null {
    const parenthesised = this.peek()?.kind === 'lparen';
    const save = this.pos;
    if (parenthesised) this.pos++;
    const values: FilterValue[] = [];
    const first = this.valueItem(variableText);
    if (!first) {
      this.pos = save;
      return null;
    }
    for (const v of first) values.push(v);
    while (allowList) {
      const before = this.pos;
      const sep = this.peek();
      const isSep = sep?.kind === 'comma' || sep?.kind === 'slash' || isWord(sep, 'or');
      if (!isSep) break;
      this.pos++;
      // "Q3 = 4 or Q3 = 5": a name followed by an operator starts a new clause, not another value.
      const nt = this.peek();
      const startsClause = nt?.kind === 'ident' && (this.peek(1)?.kind === 'op' || isWord(this.peek(1), 'in', 'is', 'selected'));
      const item = startsClause ? null : this.valueItem(variableText);
      if (!item) {
        this.pos = before;
        break;
      }
      for (const v of item) values.push(v);
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

  private valueItem(variableText: string): FilterValue[] | null {
    const t = this.peek();
    if (!t) return null;
    if (t.kind === 'dash' && this.peek(1)?.kind === 'number') {
      const n = Number(this.peek(1)!.text);
      if (!Number.isFinite(n)) return null;
      this.pos += 2;
      return [-n];
    }
    if (t.kind === 'number') {
      const low = Number(t.text);
      // A number too long to hold is not a code.
      if (!Number.isFinite(low)) return null;
      this.pos++;
      const d = this.peek();
      const hi = this.peek(1);
      if ((d?.kind === 'dash' || isWord(d, 'to', 'through', 'thru')) && hi?.kind === 'number') {
        const high = Number(hi.text);
        if (Number.isInteger(low) && Number.isInteger(high) && high >= low && high - low <= 50) {
          this.pos += 2;
          return Array.from({ length: high - low + 1 }, (_, k) => low + k);
        }
      }
      return [this.index.get(variableText)?.type === 'string' ? String(low) : low];
    }
    if (t.kind === 'string') {
      this.pos++;
      return [this.labelToCode(variableText, t.text) ?? t.text];
    }
    if (t.kind === 'ident' && !CONDITION_KEYWORDS.has(t.text.toLowerCase())) {
      // The longest run of words (up to MAX_LABEL_WORDS) that is a value label: "Yes", "Every day".
      let words = '';
      let found: { code: FilterValue; length: number } | null = null;
      for (let k = 0; k < MAX_LABEL_WORDS; k++) {
        const w = this.peek(k);
        if (w?.kind !== 'ident' || (k > 0 && (isWord(w, 'or', 'and') || CONDITION_KEYWORDS.has(w.text.toLowerCase())))) break;
        words = k === 0 ? w.text : `${words} ${w.text}`;
        const code = this.labelToCode(variableText, words);
        if (code !== undefined) found = { code, length: k + 1 };
      }
      if (found) {
        this.pos += found.length;
        return [found.code];
      }
    }
    return null;
  }

  private labelToCode(variableText: string, label: string): FilterValue | undefined {
    return this.index.codeOfLabel(variableText, label);
  }
}
