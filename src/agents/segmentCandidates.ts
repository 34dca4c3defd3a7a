import type { DataMap, DataMapQuestion, DataMapVariable } from '@/lib/core/types';
import { substantiveLabels } from './answerCategories';
import { toVariableSummary } from './dataMapExcerpt';
import { isOrderedScale } from './scales';
import { segmentTopic, segmentTopicRank } from './segmentTopics';

/** A question that could become a generated banner group. */
export interface SegmentCandidate {
  question: DataMapQuestion;
  variable: DataMapVariable;
  topic: string;
}

const MAX_CANDIDATES = 8;
const MIN_ANSWER_RATE = 0.5;

/**
 * Demographic/segment questions worth offering as banner groups: single-choice, 2–8 real categories, mostly answered,
 * not an agree/satisfaction scale, named or labelled like gender, age, region, department, role, tenure, site.
 * One candidate per topic, in reporting order.
 */
export function segmentCandidates(dataMap: DataMap): SegmentCandidate[] {
  const found: SegmentCandidate[] = [];
  for (const question of dataMap.questions) {
    if (question.kind !== 'single' || question.variables.length !== 1) continue;
    const variable = dataMap.variables.find((v) => v.name === question.variables[0]);
    if (!variable || variable.loop || variable.group) continue;
    const summary = toVariableSummary(variable);
    const categories = substantiveLabels(summary).length;
    if (categories < 2 || categories > 8 || isOrderedScale(summary)) continue;
    if (dataMap.rowCount > 0 && variable.answered / dataMap.rowCount < MIN_ANSWER_RATE) continue;
    const topic = segmentTopic(variable.name, `${question.label} ${variable.label}`);
    if (!topic || found.some((c) => c.topic === topic)) continue;
    found.push({ question, variable, topic });
  }
  return found.sort((a, b) => segmentTopicRank(a.topic) - segmentTopicRank(b.topic)).slice(0, MAX_CANDIDATES);
}
