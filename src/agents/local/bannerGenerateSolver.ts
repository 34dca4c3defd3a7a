import { bannerGenerateInputSchema, type BannerGenerateOutput } from '@/agents/contracts/bannerGenerateAgentContract';
import { segmentTopic } from '@/agents/segmentTopics';
import { sentenceCase } from '@/agents/textMatching';
import { substantiveLabels } from '@/agents/answerCategories';

const MIN_ANSWER_RATE = 0.8;

/** Local rules for BannerGenerateAgent: include a well-answered 2–8 category question as a group, one column per category. */
export function solveBannerGenerate(raw: unknown): BannerGenerateOutput {
  const { questionLabel, variable, rowCount } = bannerGenerateInputSchema.parse(raw);
  const categories = substantiveLabels(variable);
  const answerRate = rowCount > 0 ? variable.answered / rowCount : 0;
  const topic = segmentTopic(variable.name, `${questionLabel} ${variable.label}`);
  const groupLabel = topic ?? sentenceCase(shortLabel(variable.label || questionLabel || variable.name));

  const skip = (reason: string): BannerGenerateOutput => ({ include: false, reason, groupLabel, columns: [] });
  if (variable.kind !== 'single') return skip(`${variable.name} is not a single-choice question`);
  if (categories.length < 2 || categories.length > 8) return skip(`${variable.name} has ${categories.length} categories (2–8 needed)`);
  if (answerRate < MIN_ANSWER_RATE) return skip(`${variable.name} was answered by only ${Math.round(answerRate * 100)}% of respondents`);

  const columns = categories.map((vl) => ({
    label: vl.label,
    expression: `${variable.name} == ${typeof vl.value === 'number' ? vl.value : JSON.stringify(vl.value)}`,
  }));
  const why = topic ? `${topic.toLowerCase()} is a standard reporting segment` : 'a well-answered categorical segment';
  return { include: true, reason: `${variable.name}: ${why}, ${categories.length} categories, ${Math.round(answerRate * 100)}% answered`, groupLabel, columns };
}

function shortLabel(label: string): string {
  return label
    .replace(/\?.*$/, '')
    .replace(/^(what is|what's|which|please indicate|please select)\s+(your\s+)?/i, '')
    .trim();
}
