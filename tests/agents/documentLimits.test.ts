import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBannerAgent, runSkipLogicAgent } from '@/agents';
import { DOCUMENT_LIMITS } from '@/agents/documentLimits';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { pulseDataMap, RecordingProvider } from './fixtures';

let provider: RecordingProvider;
beforeEach(() => {
  provider = new RecordingProvider();
  setModelProvider(provider);
});
afterEach(() => resetModelProvider());

async function inputError(run: Promise<unknown>): Promise<PipelineInputError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PipelineInputError);
  return err as PipelineInputError;
}

describe('document limits', () => {
  it('rejects a banner plan with more groups than supported before any model call', async () => {
    const plan = Array.from({ length: DOCUMENT_LIMITS.bannerGroups + 1 }, (_, i) => `## G${i}\n- Sales (DEPT = 1)`).join('\n');
    const err = await inputError(runBannerAgent(plan, pulseDataMap(), { bannerFile: 'banner.md' }));
    expect(err.message).toBe(`banner.md: ${DOCUMENT_LIMITS.bannerGroups + 1} banner groups; at most ${DOCUMENT_LIMITS.bannerGroups} are supported`);
    expect(err.file).toBe('banner.md');
    expect(provider.requests).toHaveLength(0);

    const atLimit = Array.from({ length: DOCUMENT_LIMITS.bannerGroups }, (_, i) => `## G${i}\n- Sales (DEPT = 1)`).join('\n');
    expect((await runBannerAgent(atLimit, pulseDataMap())).groups).toHaveLength(DOCUMENT_LIMITS.bannerGroups);
  });

  it('rejects a banner plan with more columns than supported', async () => {
    const plan = `## Dept\n${Array.from({ length: DOCUMENT_LIMITS.bannerColumns + 1 }, (_, i) => `- Column ${i}`).join('\n')}`;
    const err = await inputError(runBannerAgent(plan, pulseDataMap(), { bannerFile: 'banner.md' }));
    expect(err.message).toMatch(new RegExp(`^banner.md: ${DOCUMENT_LIMITS.bannerColumns + 1} banner columns; at most`));
  });

  it('rejects a survey with more routed questions, or more rules, than supported', async () => {
    const routed = Array.from({ length: DOCUMENT_LIMITS.routedQuestions + 1 }, (_, i) => `### Q${i}. Question\n[ASK IF DEPT = 1]`).join('\n');
    const err = await inputError(runSkipLogicAgent(routed, pulseDataMap()));
    expect(err.message).toBe(
      `survey document: ${DOCUMENT_LIMITS.routedQuestions + 1} questions with routing; at most ${DOCUMENT_LIMITS.routedQuestions} are supported`,
    );
    expect(provider.requests).toHaveLength(0);

    const rules = `### DEPT. Department\n${Array.from({ length: DOCUMENT_LIMITS.skipRules + 1 }, (_, i) => `[ASK IF ROLE = ${i}]`).join('\n')}`;
    expect((await inputError(runSkipLogicAgent(rules, pulseDataMap()))).message).toMatch(/routing rules; at most/);
    expect(provider.requests).toHaveLength(1);
  });
});
