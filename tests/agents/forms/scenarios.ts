import type { DataMap } from '@/lib/core/types';
import { Prng } from '../../../scripts/examples/prng';
import { NUMBER_PHRASES, pickRange, type Line, type NumberPhrase } from './numberPhrases';
import { labelOpenEndPhrase, polarNumberPhrase, type OpenEndPhrase } from './openEndPhrases';
import {
  codeOf,
  NUMBER_TOPICS,
  randomCategory,
  randomNumber,
  randomScale,
  SCALE_TOPICS,
  toDataMapVariable,
  type GeneratedVariable,
  type ScaleVariable,
} from './generatedVariables';

/** One generated case: words in one form, for one variable, and exactly which values a right mapping selects. */
export interface FormCase {
  id: string;
  form: string;
  kind: 'column' | 'routing';
  text: string;
  target: GeneratedVariable;
  /** True for the values a right mapping selects. */
  expected: (x: number) => boolean;
  /** Every value the variable's respondents can hold. */
  values: number[];
  /** The words cannot be read surely (an open end on a scale whose words do not say which end is positive): any mapping kept is wrong. */
  mustDrop?: boolean;
}

/** A data map (the target question among others), a banner group of columns on the target and routing rules naming it. */
export interface Scenario {
  dataMap: DataMap;
  group: string;
  columns: FormCase[];
  rules: FormCase[];
  /** A survey document listing the target's answers in its own words (category targets). */
  surveyText: string | null;
}

const SCALE_COLUMN_FORMS = Object.keys(NUMBER_PHRASES);
const NUMBER_COLUMN_FORMS = SCALE_COLUMN_FORMS.filter((f) => f !== 'single point in brackets' && f !== 'score of N');

/** The values a generated variable's respondents can hold. */
export function valuesOf(v: GeneratedVariable): number[] {
  if (v.type === 'category') return v.labels.map((_, i) => i + 1);
  if (v.type === 'scale') return [...v.shown.map((s) => codeOf(v, s)), ...v.nonAnswers.map((x) => x.code)];
  const out: number[] = [];
  for (let x = v.low - 1; x <= v.high + 1; x++) out.push(x);
  return v.refused ? [...out, v.refused.code] : out;
}

/** The numbers a phrase can be about: the points shown on a scale, the range of a number. */
function lineOf(v: ScaleVariable | Extract<GeneratedVariable, { type: 'number' }>): Line {
  if (v.type === 'scale') return v.shown;
  return Array.from({ length: v.high - v.low + 1 }, (_, i) => v.low + i);
}

/** Values a phrase on shown numbers names: codes of the points it names (never a non-answer code). */
function namedValues(v: GeneratedVariable, phrase: NumberPhrase): (x: number) => boolean {
  if (v.type === 'scale') {
    const codes = new Set(v.shown.filter(phrase.names).map((s) => codeOf(v, s)));
    return (x) => codes.has(x);
  }
  if (v.type === 'number') return (x) => x !== v.refused?.code && phrase.names(x);
  return () => false;
}

/** Deterministic scenarios from a seed: a target variable with 1-2 other questions, 4-6 banner columns on it and up to 2 routing rules. */
export function generateScenarios(seed: number, count: number): Scenario[] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, (_, i) => scenario(rng, i));
}

function scenario(rng: Prng, index: number): Scenario {
  const names = shuffled(
    rng,
    Array.from({ length: 12 }, (_, k) => `Q${k + 1}`),
  );
  const topics = shuffled(rng, SCALE_TOPICS);
  const kind = rng.weighted(['scale', 'number', 'category'], [65, 20, 15]);
  const target: GeneratedVariable =
    kind === 'scale'
      ? randomScale(rng, names[0]!, topics[0]!)
      : kind === 'number'
        ? randomNumber(rng, names[0]!, rng.pick(NUMBER_TOPICS))
        : randomCategory(rng, names[0]!);
  const others: GeneratedVariable[] = [randomScale(rng, names[1]!, topics[1]!)];
  if (rng.chance(0.5)) others.push(target.type === 'number' ? randomScale(rng, names[2]!, topics[2]!) : randomNumber(rng, names[2]!, rng.pick(NUMBER_TOPICS)));
  const variables = shuffled(rng, [target, ...others]).map(toDataMapVariable);
  const dataMap: DataMap = {
    variables,
    questions: variables.map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] })),
    weightVariable: null,
    rowCount: 500,
    loops: [],
  };
  const id = (k: number) => `s${index}c${k}`;
  const columns = columnCases(rng, target).map((c, k) => ({ ...c, id: id(k) }));
  const rules = routingCases(rng, target).map((c, k) => ({ ...c, id: `s${index}r${k}` }));
  const surveyText =
    target.type === 'category' ? `${target.name}. ${target.topic.label}\n${target.surveyTexts.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n` : null;
  return { dataMap, group: target.topic.group, columns, rules, surveyText };
}

function columnCases(rng: Prng, target: GeneratedVariable): Array<Omit<FormCase, 'id'>> {
  const values = valuesOf(target);
  if (target.type === 'category') {
    return shuffled(
      rng,
      target.labels.map((_, i) => i),
    ).map((i) => {
      const code = i + 1;
      return {
        form: 'column: survey answer wording',
        kind: 'column',
        text: rng.pick(target.columnNames[i]!),
        target,
        expected: (x: number) => x === code,
        values,
      };
    });
  }
  const forms = target.type === 'scale' ? SCALE_COLUMN_FORMS : NUMBER_COLUMN_FORMS;
  const picked = shuffled(rng, forms).slice(0, rng.int(4, 6));
  const highIsTop = target.type !== 'scale' || target.positive !== 'low';
  const out: Array<Omit<FormCase, 'id'>> = picked.map((form) => {
    const phrase = NUMBER_PHRASES[form]!(rng, lineOf(target), highIsTop);
    return { form: `column: ${form}`, kind: 'column', text: phrase.text, target, expected: namedValues(target, phrase), values };
  });
  if (target.type === 'scale' && target.labelling === 'words') out.push(labelList(rng, target, 'column'), labelAndRange(rng, target));
  if (target.type === 'scale') {
    out.push(openEndCase(target, 'column: N or better / worse', polarNumberPhrase(rng, target), (t) => t));
    if (target.labelling === 'words' || target.labelling === 'ends') {
      out.push(openEndCase(target, 'column: label with an open end', labelOpenEndPhrase(rng, target), (t) => t));
    }
  }
  return dedupeTexts(out);
}

function routingCases(rng: Prng, target: GeneratedVariable): Array<Omit<FormCase, 'id'>> {
  const values = valuesOf(target);
  const out: Array<Omit<FormCase, 'id'>> = [];
  if (target.type === 'category') {
    const [a, b] = shuffled(
      rng,
      target.labels.map((_, i) => i),
    ).slice(0, 2);
    const text = `Only people who said ${target.labels[a!]} or ${target.labels[b!]} at ${target.name}`;
    return [{ form: 'routing: labels said at a question', kind: 'routing', text, target, expected: (x) => x === a! + 1 || x === b! + 1, values }];
  }
  if (target.type !== 'scale') return out;
  const line = lineOf(target);
  const form = rng.pick(['rated at a question', 'condition in brackets', 'score on a question named by its subject', 'jump']);
  if (form === 'rated at a question') {
    const phrase = NUMBER_PHRASES[rng.pick(['N or lower', 'N or more', 'bare range'])]!(rng, line);
    out.push({
      form: 'routing: rated … at a question',
      kind: 'routing',
      text: `Asked of those who rated ${phrase.text} at ${target.name}`,
      target,
      expected: namedValues(target, phrase),
      values,
    });
  } else if (form === 'condition in brackets') {
    // Codes in a condition are codes, whatever the labels show.
    const [a, b] = pickRange(
      rng,
      target.shown.map((s) => codeOf(target, s)),
    );
    const inside = target.labelling === 'words' ? target.words[target.shown.findIndex((s) => codeOf(target, s) === b)] : null;
    const text = `If ${inside ? inside.toLowerCase() : 'rated highly'} (${target.name} = ${a}–${b})`;
    out.push({ form: 'routing: condition in brackets', kind: 'routing', text, target, expected: (x) => x >= a && x <= b && values.includes(x), values });
  } else if (form === 'score on a question named by its subject') {
    const [a, b] = pickRange(rng, line);
    const phrase: NumberPhrase = { text: `${a}–${b}`, names: (x) => x >= a && x <= b };
    const text = `Those who gave a score of ${phrase.text} on the ${target.topic.word} question`;
    out.push({ form: 'routing: score on a question named by its subject', kind: 'routing', text, target, expected: namedValues(target, phrase), values });
  } else {
    const p = line[rng.int(0, line.length - 1)]!;
    const skipped = codeOf(target, p);
    const declared = new Set(target.nonAnswers.filter((x) => x.declared).map((x) => x.code));
    const text = `If ${target.name} = ${skipped}, skip to Q99`;
    out.push({ form: 'routing: jump (skip to)', kind: 'routing', text, target, expected: (x) => x !== skipped && !declared.has(x), values });
  }
  if (target.labelling === 'words') out.push(labelList(rng, target, 'routing'));
  if (target.labelling === 'words' || target.labelling === 'ends') {
    const said = (t: string) => `Only those who said ${t.charAt(0).toLowerCase()}${t.slice(1)} at ${target.name}`;
    out.push(openEndCase(target, 'routing: label with an open end at a question', labelOpenEndPhrase(rng, target), said));
  }
  return out;
}

/** An open-end case: named `form`, or `form` marked as one to leave out when its scale's words cannot place it. */
function openEndCase(target: ScaleVariable, form: string, phrase: OpenEndPhrase, words: (text: string) => string): Omit<FormCase, 'id'> {
  const codes = new Set(target.shown.filter(phrase.names).map((s) => codeOf(target, s)));
  const kind = form.startsWith('routing') ? 'routing' : 'column';
  return {
    form: phrase.mustDrop ? `${form}, direction unknown (must be left out)` : form,
    kind,
    text: words(phrase.text),
    target,
    expected: (x) => codes.has(x),
    values: valuesOf(target),
    ...(phrase.mustDrop ? { mustDrop: true } : {}),
  };
}

/** "Good or Excellent" as a column, "Only people who said Good or Excellent at Q9" as routing. */
function labelList(rng: Prng, target: ScaleVariable, kind: 'column' | 'routing'): Omit<FormCase, 'id'> {
  const count = rng.int(2, Math.min(3, target.words.length - 1));
  const picked = shuffled(
    rng,
    target.words.map((_, i) => i),
  )
    .slice(0, count)
    .sort((a, b) => a - b);
  const words = picked.map((i) => target.words[i]!);
  const list = words.length === 2 ? `${words[0]} or ${words[1]}` : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  const codes = new Set(picked.map((i) => codeOf(target, target.shown[i]!)));
  const text = kind === 'column' ? list : `Only people who said ${list} at ${target.name}`;
  const form = kind === 'column' ? 'column: labels joined by "or"' : 'routing: labels said at a question';
  return { form, kind, text, target, expected: (x) => codes.has(x), values: valuesOf(target) };
}

/** "Satisfied (4-5)": a label of the range's top point, and the range. */
function labelAndRange(rng: Prng, target: ScaleVariable): Omit<FormCase, 'id'> {
  const [a, b] = pickRange(rng, target.shown);
  const label = target.words[target.shown.indexOf(b)]!;
  const codes = new Set(target.shown.filter((s) => s >= a && s <= b).map((s) => codeOf(target, s)));
  const text = `${label} (${a}${rng.pick(['-', '–', ' to '])}${b})`;
  return { form: 'column: label with a range in brackets', kind: 'column', text, target, expected: (x) => codes.has(x), values: valuesOf(target) };
}

function dedupeTexts<T extends { text: string }>(cases: T[]): T[] {
  const seen = new Set<string>();
  return cases.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
}

function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
