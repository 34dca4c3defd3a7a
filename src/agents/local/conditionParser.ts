import { negatesAskingUnclearly } from '@/agents/routingText';
import { formatFilter, simplifyFilter, variablesOfNode, type FilterNode } from '@/lib/filters';
import { ClauseReader, isWord } from './ClauseReader';
import { tokenizeCondition, type ConditionToken } from './conditionTokens';
import { rangesWithoutNonAnswers } from './rangesWithoutNonAnswers';
import type { VariableIndex } from './variableIndex';

/** Result of reading a condition out of free text. */
export interface ParsedCondition {
  /** Expression in the filter language (`condition` printed); "" when the text names variables the data lacks. */
  expression: string;
  /** The condition read, in its plainest form (see simplifyFilter). */
  condition: FilterNode;
  /** Canonical names of the variables used. */
  variables: string[];
  /** Variable-like names the text compares but the data does not have. */
  unknownVariables: string[];
  /** True when text outside the condition still contains words other than routing boilerplate. */
  hasSurroundingProse: boolean;
  /** True when the text holds another condition after this one: the text says more than the condition read. */
  hasOtherCondition: boolean;
  /**
   * True when the condition is joined to the text around it by "and", "or", "but", "unless"…, or the text around it
   * excludes ("except", "other than", "Not for business travellers (Q1 = 1)") or negates asking other than as a skip
   * ("Those who were never asked for help (Q5 = 2)"): the prose adds to it or turns it round.
   */
  joinedToProse: boolean;
  /** Where the condition is in the text (character offsets, end excluded); -1 unless asked for (see parseCondition). */
  start: number;
  end: number;
}

const CONNECTIVES = new Set(['and', 'or', 'but', 'unless', 'except', 'excluding', 'plus', 'also', 'nor']);

/** Words anywhere around a condition that may turn it round: "Everyone except those in the north (REGION = 1)". */
const EXCLUDING = new Set(['except', 'excluding', 'exclude', 'excludes', 'excluded', 'unless', 'besides']);
/** Two words that exclude together ("other than", "not for"); "Other" alone is often an answer, "Not satisfied" a label. */
const EXCLUDING_PAIRS = new Set(['other than', 'apart from', 'not for']);

const BOILERPLATE = new Set(['ask', 'if', 'only', 'show', 'display', 'base', 'filter', 'those', 'who', 'respondents', 'all', 'where', 'when', 'code', 'codes']);

/** Deepest condition read (nested "not", "(…)" groups inside and/or lists): deeper text is not one condition a person wrote. */
export const MAX_CONDITION_DEPTH = 64;

const isAndOp = (t: ConditionToken | undefined) => isWord(t, 'and') || (t?.kind === 'op' && (t.text === '&' || t.text === '&&'));
const isOrOp = (t: ConditionToken | undefined) => isWord(t, 'or') || (t?.kind === 'op' && (t.text === '|' || t.text === '||'));
const isNotOp = (t: ConditionToken | undefined) => isWord(t, 'not') || (t?.kind === 'op' && t.text === '!');

/** Depth of a clause's node (at most three levels: not, or of options, comparison). */
function nodeDepth(node: FilterNode): number {
  if (node.type === 'not') return 1 + nodeDepth(node.child);
  if (node.type === 'and' || node.type === 'or') return 1 + node.children.reduce((deepest, child) => Math.max(deepest, nodeDepth(child)), 0);
  return 1;
}

/** The and- or or-lists read at every position: where each ends, where its next element starts (-1: none), how deep it is. */
class Lists {
  readonly end: Int32Array;
  readonly rest: Int32Array;
  /** Deepest element of the list from this position on. */
  readonly elementDepth: Int32Array;

  constructor(size: number) {
    this.end = new Int32Array(size).fill(-1);
    this.rest = new Int32Array(size).fill(-1);
    this.elementDepth = new Int32Array(size);
  }

  has(p: number): boolean {
    return this.end[p] !== -1;
  }

  /** Depth of the node a list starting at `p` builds into (a single element is not wrapped). */
  depth(p: number): number {
    return this.rest[p] === -1 ? this.elementDepth[p]! : this.elementDepth[p]! + 1;
  }
}

/**
 * The grammar (or-list of and-lists of "not" / "(…)" / clause) read at every token position at once, from the last position
 * to the first, so each position is read once and nothing recurses: trying every start position for the first condition
 * in the text costs time linear in the text, and deep nesting cannot overflow the stack. A list is kept as links between
 * positions and built into nodes only for a "(…)" group that closes and for the condition returned.
 */
class ConditionReader {
  readonly or: Lists;
  private readonly and: Lists;
  /** The "not" / "(…)" / clause node at each position (null: none), where it ends and its depth. */
  private readonly unary: Array<FilterNode | null>;
  private readonly unaryEnd: Int32Array;
  private readonly unaryDepth: Int32Array;

  constructor(
    private readonly tokens: readonly ConditionToken[],
    index: VariableIndex,
  ) {
    const n = tokens.length;
    this.unary = new Array<FilterNode | null>(n + 1).fill(null);
    this.unaryEnd = new Int32Array(n + 1);
    this.unaryDepth = new Int32Array(n + 1);
    this.and = new Lists(n + 1);
    this.or = new Lists(n + 1);
    const clauses = new ClauseReader(tokens, index);
    for (let p = n - 1; p >= 0; p--) {
      if (!this.readUnary(p, clauses)) continue;
      this.link(this.and, p, this.unaryDepth[p]!, this.unaryEnd[p]!, isAndOp);
      this.link(this.or, p, this.and.depth(p), this.and.end[p]!, isOrOp);
    }
  }

  /** The or-list starting at `p` as a node. */
  buildOr(p: number): FilterNode {
    const items: FilterNode[] = [];
    for (let q = p; q !== -1; q = this.or.rest[q]!) items.push(this.buildAnd(q));
    return items.length === 1 ? items[0]! : { type: 'or', children: items };
  }

  private buildAnd(p: number): FilterNode {
    const items: FilterNode[] = [];
    for (let q = p; q !== -1; q = this.and.rest[q]!) items.push(this.unary[q]!);
    return items.length === 1 ? items[0]! : { type: 'and', children: items };
  }

  /** A list whose first element (of `depth`) ends at `end` goes on when an operator follows and a list starts after it. */
  private link(lists: Lists, p: number, depth: number, end: number, isOp: (t: ConditionToken | undefined) => boolean): void {
    const more = isOp(this.tokens[end]) && lists.has(end + 1);
    lists.rest[p] = more ? end + 1 : -1;
    lists.end[p] = more ? lists.end[end + 1]! : end;
    lists.elementDepth[p] = more ? Math.max(depth, lists.elementDepth[end + 1]!) : depth;
  }

  /** Reads the "not" / "(…)" / clause at `p`; false when there is none (or it is nested too deep). */
  private readUnary(p: number, clauses: ClauseReader): boolean {
    const t = this.tokens[p];
    let node: FilterNode | null = null;
    let end = 0;
    let depth = 0;
    if (isNotOp(t)) {
      const inner = this.unary[p + 1];
      if (inner) {
        node = { type: 'not', child: inner };
        end = this.unaryEnd[p + 1]!;
        depth = this.unaryDepth[p + 1]! + 1;
      }
    } else if (t?.kind === 'lparen') {
      const q = p + 1;
      if (this.or.has(q) && this.tokens[this.or.end[q]!]?.kind === 'rparen' && this.or.depth(q) <= MAX_CONDITION_DEPTH) {
        node = this.buildOr(q);
        end = this.or.end[q]! + 1;
        depth = this.or.depth(q);
      }
    } else {
      node = clauses.readAt(p);
      if (node) {
        end = clauses.end;
        depth = nodeDepth(node);
      }
    }
    if (!node || depth > MAX_CONDITION_DEPTH) return false;
    this.unary[p] = node;
    this.unaryEnd[p] = end;
    this.unaryDepth[p] = depth;
    return true;
  }
}

/**
 * Finds the first condition in free text ("Male (S1 = 1)", "ASK IF Q3 = 4 OR 5", "Q2_3 selected") and prints it in the filter language.
 * Null when the text contains no condition. With `where`, says where the condition is in the text. Linear in the text's length.
 */
export function parseCondition(text: string, index: VariableIndex, opts: { where?: boolean } = {}): ParsedCondition | null {
  const spans: number[] | undefined = opts.where ? [] : undefined;
  const tokens = tokenizeCondition(text, spans);
  const reader = new ConditionReader(tokens, index);
  for (let start = 0; start < tokens.length; start++) {
    if (!reader.or.has(start)) continue;
    const end = reader.or.end[start]!;
    const condition = simplifyFilter(rangesWithoutNonAnswers(reader.buildOr(start), index));
    const isProse = (t: ConditionToken) => t.kind === 'ident' && !BOILERPLATE.has(t.text.toLowerCase());
    const prose = tokens.slice(0, start).some(isProse) || tokens.slice(end).some(isProse);
    const names = variablesOfNode(condition);
    const unknown = names.filter((name) => !index.get(name));
    const isConnective = (t: ConditionToken | undefined) => t?.kind === 'ident' && CONNECTIVES.has(t.text.toLowerCase());
    let other = false;
    for (let p = end; p < tokens.length && !other; p++) other = reader.or.has(p);
    return {
      expression: unknown.length > 0 ? '' : formatFilter(condition),
      condition,
      variables: names.filter((name) => index.get(name)),
      unknownVariables: unknown,
      hasSurroundingProse: prose,
      hasOtherCondition: other,
      joinedToProse: isConnective(tokens[start - 1]) || isConnective(tokens[end]) || excludes(tokens, start, end) || negatesAskingUnclearly(text),
      start: spans ? spans[2 * start]! : -1,
      end: spans ? spans[2 * end - 1]! : -1,
    };
  }
  return null;
}

/** True when the words around a condition may exclude it ("except", "other than", "not for"…), wherever they are. */
function excludes(tokens: readonly ConditionToken[], start: number, end: number): boolean {
  let previous = '';
  for (let p = 0; p < tokens.length; p++) {
    if (p === start) p = end;
    const t = tokens[p];
    if (t?.kind !== 'ident') continue;
    const word = t.text.toLowerCase();
    if (EXCLUDING.has(word) || EXCLUDING_PAIRS.has(`${previous} ${word}`)) return true;
    previous = word;
  }
  return false;
}
