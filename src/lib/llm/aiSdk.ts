import type * as AiSdk from 'ai';
import type * as OpenAiSdk from '@ai-sdk/openai';
import { processWide } from '@/lib/core/processWide';

/** The Vercel AI SDK and its OpenAI provider, as the real providers use them. */
export interface LoadedAiSdk {
  readonly ai: typeof AiSdk;
  readonly openai: typeof OpenAiSdk;
}

const carrier = processWide('aiSdk', () => ({}) as { aiSdk?: LoadedAiSdk });

/** A module's whole exports, also through CommonJS interop (where the full `module.exports` sits under `default`). */
function whole<T extends object>(mod: T, probe: string): T {
  const all = (mod as { default?: T }).default;
  return all && typeof all === 'object' && probe in all ? all : mod;
}

/**
 * Import the AI SDK on first use by a real provider (about a second of start-up the local model never pays), once per
 * process.
 */
export async function loadAiSdk(): Promise<LoadedAiSdk> {
  if (carrier.aiSdk) return carrier.aiSdk;
  const [ai, openai] = await Promise.all([import('ai'), import('@ai-sdk/openai')]);
  carrier.aiSdk = { ai: whole(ai, 'generateText'), openai: whole(openai, 'createOpenAI') };
  return carrier.aiSdk;
}

/**
 * The AI SDK if a provider has loaded it: an error can only be one of its classes (a failed API call, an unparsable
 * answer, exhausted retries) when it has.
 */
export function loadedAiSdk(): LoadedAiSdk | undefined {
  return carrier.aiSdk;
}
