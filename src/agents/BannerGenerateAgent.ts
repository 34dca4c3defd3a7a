import { callModel } from '@/lib/llm/callModel';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import type { Banner, BannerGroup, DataMap } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { bannerGenerateOutputSchema, type BannerGenerateInput } from './contracts/bannerGenerateAgentContract';
import { toVariableSummary } from './dataMapExcerpt';
import { mapWithConcurrency } from './mapWithConcurrency';
import { BANNER_GENERATE_SYSTEM, bannerGeneratePrompt } from './prompts/bannerGeneratePrompt';
import { segmentCandidates } from './segmentCandidates';
import { getLocalSolver } from './local/localSolvers';

/** Most groups a generated banner gets. */
export const MAX_GENERATED_GROUPS = 5;
/** Confidence given to generated columns (expressions come straight from the question's own codes). */
const GENERATED_CONFIDENCE = 0.9;

/**
 * Proposes a banner when there is no plan: deterministic choice of candidate segment questions, then one model call per
 * candidate deciding include/skip and the columns with expressions. At most MAX_GENERATED_GROUPS groups, origin 'generated'.
 */
export async function runBannerGenerateAgent(dataMap: DataMap, opts: AgentOptions = {}): Promise<Banner> {
  const { signal } = opts;
  throwIfAborted(signal);
  const candidates = segmentCandidates(dataMap);
  const decisions = await mapWithConcurrency(
    candidates,
    AGENT_CONCURRENCY,
    async (candidate, i) => {
      const input: BannerGenerateInput = {
        questionId: candidate.question.id,
        questionLabel: candidate.question.label,
        variable: toVariableSummary(candidate.variable),
        rowCount: dataMap.rowCount,
      };
      const { object } = await callModel({
        agent: 'BannerGenerateAgent',
        solveLocally: getLocalSolver('BannerGenerateAgent'),
        task: `candidate ${i + 1}/${candidates.length}`,
        system: BANNER_GENERATE_SYSTEM,
        prompt: bannerGeneratePrompt(input),
        input,
        schema: bannerGenerateOutputSchema,
        signal,
      });
      return object;
    },
    signal,
  );

  const groups: BannerGroup[] = [];
  for (const decision of decisions) {
    if (!decision.include || decision.columns.length === 0 || groups.length >= MAX_GENERATED_GROUPS) continue;
    const groupId = `g${groups.length + 1}`;
    groups.push({
      id: groupId,
      label: decision.groupLabel,
      columns: decision.columns.map((c, j) => ({
        id: `${groupId}c${j + 1}`,
        label: c.label,
        expression: c.expression,
        confidence: GENERATED_CONFIDENCE,
        source: c.label,
      })),
    });
  }
  return { groups, origin: 'generated' };
}
