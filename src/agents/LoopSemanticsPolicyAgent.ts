import { callModel } from '@/lib/llm/callModel';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { loopStem } from '@/lib/sav';
import type { DataMap, DataMapVariable } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { loopPolicyOutputSchema, type LoopPolicyInput } from './contracts/loopPolicyContract';
import { toVariableSummary } from './dataMapExcerpt';
import { mapWithConcurrency } from './mapWithConcurrency';
import { LOOP_POLICY_SYSTEM, loopPolicyPrompt } from './prompts/loopPolicyPrompt';
import { getLocalSolver } from './local/localSolvers';

/** How one looped question is reported: one table over all iterations ('stacked') or one table per iteration. */
export interface LoopPolicy {
  loopId: string;
  /** The question's per-iteration variables, in iteration order (e.g. Q10_L1, Q10_L2, Q10_L3). */
  variables: string[];
  policy: 'stacked' | 'per-iteration';
  reason: string;
}

/**
 * Decides the reporting policy of looped variables, one model call per loop in `dataMap.loops`; no calls when there are none.
 * A loop can hold several looped questions (Q10_L*, Q11_L*): one LoopPolicy is returned per question, each with its loop id.
 */
export async function runLoopSemanticsPolicyAgent(dataMap: DataMap, opts: AgentOptions = {}): Promise<LoopPolicy[]> {
  const { signal } = opts;
  throwIfAborted(signal);
  const loops = dataMap.loops.map((loopId) => ({ loopId, questions: loopQuestions(dataMap, loopId) })).filter((l) => l.questions.length > 0);

  const perLoop = await mapWithConcurrency(
    loops,
    AGENT_CONCURRENCY,
    async ({ loopId, questions }, i): Promise<LoopPolicy[]> => {
      const input: LoopPolicyInput = {
        loopId,
        questions: questions.map((q) => ({ stem: q.stem, variables: q.variables.map((v) => ({ ...toVariableSummary(v), iteration: v.loop!.iteration })) })),
        rowCount: dataMap.rowCount,
      };
      const position = `${i + 1}/${loops.length}`;
      const { object } = await callModel({
        agent: 'LoopSemanticsPolicyAgent',
        solveLocally: getLocalSolver('LoopSemanticsPolicyAgent'),
        task: `loop ${position}`,
        system: LOOP_POLICY_SYSTEM,
        prompt: loopPolicyPrompt(input, position),
        input,
        schema: loopPolicyOutputSchema,
        signal,
      });
      return questions.map((q) => {
        const decision = object.decisions.find((d) => d.stem.toLowerCase() === q.stem.toLowerCase());
        return {
          loopId,
          variables: q.variables.map((v) => v.name),
          policy: decision?.policy ?? 'per-iteration',
          reason: decision?.reason ?? 'no decision returned; reported per iteration',
        };
      });
    },
    signal,
  );
  return perLoop.flat();
}

/** The loop's variables grouped by question stem (Q10_L2 → Q10), each sorted by iteration. */
function loopQuestions(dataMap: DataMap, loopId: string): Array<{ stem: string; variables: DataMapVariable[] }> {
  const byStem = new Map<string, DataMapVariable[]>();
  for (const v of dataMap.variables) {
    if (!v.loop || v.loop.id.toLowerCase() !== loopId.toLowerCase()) continue;
    const stem = loopStem(v.name);
    byStem.set(stem, [...(byStem.get(stem) ?? []), v]);
  }
  return [...byStem].map(([stem, variables]) => ({ stem, variables: variables.sort((a, b) => a.loop!.iteration - b.loop!.iteration) }));
}
