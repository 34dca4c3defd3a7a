import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { countTokens } from '@/lib/llm/tokenizer';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';

const solver = vi.fn((input: unknown) => ({ echoed: input }));

const req = {
  agent: 'SkipLogicAgent' as const,
  task: 'survey',
  system: 'Extract skip rules.',
  prompt: 'Q2. Ask if Q1 = 1.',
  input: { survey: 'Q2' },
  schema: z.object({ echoed: z.unknown() }),
  solveLocally: solver,
};

describe('LocalModelProvider', () => {
  it('solves with the rules the request carries and counts tokens of prompt and JSON answer', async () => {
    const out = await new LocalModelProvider().generate(req);

    expect(solver).toHaveBeenCalledWith({ survey: 'Q2' }, undefined);
    expect(out.object).toEqual({ echoed: { survey: 'Q2' } });
    expect(out.usage).toEqual({
      inputTokens: countTokens('Extract skip rules.\nQ2. Ask if Q1 = 1.'),
      outputTokens: countTokens('{"echoed":{"survey":"Q2"}}'),
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(out.usage.inputTokens).toBeGreaterThan(5);
  });

  it('does not run the rules when the signal is already aborted', async () => {
    const solve = vi.fn();
    const controller = new AbortController();
    controller.abort();
    await expect(new LocalModelProvider({ solve }).generate({ ...req, signal: controller.signal })).rejects.toBeInstanceOf(PipelineCancelledError);
    expect(solve).not.toHaveBeenCalled();
  });

  it('says which agent has no local rules', async () => {
    await expect(new LocalModelProvider().generate({ ...req, solveLocally: undefined })).rejects.toThrow('SkipLogicAgent: no local rules for this task');
  });
});
