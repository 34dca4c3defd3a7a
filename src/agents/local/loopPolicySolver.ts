import { loopPolicyInputSchema, type LoopPolicyInput, type LoopPolicyOutput } from '@/agents/contracts/loopPolicyContract';
import { normalizeText } from '@/agents/textMatching';

type LoopQuestion = LoopPolicyInput['questions'][number];
type Decision = LoopPolicyOutput['decisions'][number];

const ITERATION_WORDS = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|\d+th|iteration|loop|l\d+|\d+)\b/g;

/**
 * Local rules for LoopSemanticsPolicyAgent: a looped question that asks the same thing in every iteration
 * (same wording apart from the iteration marker, same answer codes) is reported stacked; otherwise per iteration.
 */
export function solveLoopPolicy(raw: unknown): LoopPolicyOutput {
  const input = loopPolicyInputSchema.parse(raw);
  return { decisions: input.questions.map(decide) };
}

function decide(q: LoopQuestion): Decision {
  const iterations = [...new Set(q.variables.map((v) => v.iteration))].sort((a, b) => a - b);
  if (iterations.length < 2) return { stem: q.stem, policy: 'per-iteration', reason: `${q.stem} has a single iteration; nothing to stack` };
  const wording = new Set(q.variables.map((v) => normalizeText(v.label).replace(ITERATION_WORDS, ' ').replace(/\s+/g, ' ').trim()));
  if (wording.size > 1)
    return { stem: q.stem, policy: 'per-iteration', reason: `${q.stem} is worded differently across iterations, so each iteration is its own question` };
  const codes = new Set(q.variables.map((v) => JSON.stringify(v.valueLabels.map((vl) => [vl.value, normalizeText(vl.label)]))));
  if (codes.size > 1) return { stem: q.stem, policy: 'per-iteration', reason: `${q.stem} has different answer codes across iterations` };

  const answered = iterations.map((it) => Math.max(0, ...q.variables.filter((v) => v.iteration === it).map((v) => v.answered)));
  const falling = answered.every((n, i) => i === 0 || n <= answered[i - 1]!);
  return {
    stem: q.stem,
    policy: 'stacked',
    reason:
      `${q.stem} asks the same question in each of ${iterations.length} iterations (answered ${answered.join(' / ')}` +
      `${falling ? '; later iterations only for those with more occurrences' : ''}); one table over all iterations, base = iterations answered`,
  };
}
