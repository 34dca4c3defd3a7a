import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCancellation } from '@/lib/core/PipelineErrors';
import { loadedAiSdk } from '@/lib/llm/aiSdk';
import { OpenAICompatibleProvider } from '@/lib/llm/providers/OpenAICompatibleProvider';

// Its own file, so this worker has not loaded the AI SDK yet: the first call of a process pays for loading it.
describe('a model call cancelled while the AI SDK is still loading', () => {
  it('ends as a cancellation at once instead of after the SDK has loaded', async () => {
    expect(loadedAiSdk()).toBeUndefined();
    const provider = new OpenAICompatibleProvider({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', apiModel: 'gpt-4o-mini', maxRetries: 0 });
    const controller = new AbortController();
    const call = provider.generate({
      agent: 'BannerAgent',
      task: 'test',
      system: 's',
      prompt: 'p',
      input: {},
      schema: z.object({ ok: z.boolean() }),
      signal: controller.signal,
    });
    controller.abort();
    const err = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancellation(err)).toBe(true);
    // The rejection came before the import finished: a cancelled run never waits for it.
    expect(loadedAiSdk()).toBeUndefined();
  });
});
