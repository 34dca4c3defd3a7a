import type { AgentCallRecord } from '@/lib/observability';
import { GENAI_PRICES_VERSION } from '@/lib/llm/pricing';

/** Median of a list of numbers (0 for an empty list). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Microseconds per call of `fn`, run `n` times. */
export function usPerCall(n: number, fn: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / n;
}

/** What each agent does for one unit of its work, as the start of its task text. */
const TASKS = [
  ['BannerAgent', 'Read banner group'],
  ['CrosstabAgent', 'Map banner column'],
  ['SkipLogicAgent', 'Find skip rules for'],
  ['FilterTranslatorAgent', 'Translate base filter of'],
  ['VerificationAgent', 'Verify table'],
] as const;
const QUESTIONS = [
  'Overall satisfaction with the service',
  'Likelihood to recommend us to a friend or colleague',
  'Which of these brands have you heard of?',
  'Age group',
  'Region of residence',
  'How often do you shop online?',
  'Main reason for choosing this brand',
];
/** The model, provider and prices (USD per million tokens) of a run on OpenAI's gpt-4o-mini, as genai-prices has them. */
const MODEL = { provider: 'openai', model: 'gpt-4o-mini', input: 0.15, cachedInput: 0.075, output: 0.6 };

/**
 * One agent call shaped as the model layer records it (callModel.ts): a real model and provider, varying token counts,
 * the cost of those tokens, a price source and a task text built for each call, times in epoch ms from `base`.
 */
export function benchCall(i: number, base = Date.now()): AgentCallRecord {
  const [agentName, task] = TASKS[i % TASKS.length]!;
  const inputTokens = 1200 + ((i * 37) % 900);
  const cachedInputTokens = (i % 3) * 256;
  const outputTokens = 180 + ((i * 53) % 400);
  const startTime = base + i * 40;
  const durationMs = 900 + ((i * 7) % 2500);
  const errorType: string | undefined = undefined;
  return {
    agentName,
    model: MODEL.model,
    provider: MODEL.provider,
    task: `${task} t_Q${(i % 400) + 1}: ${QUESTIONS[i % QUESTIONS.length]}`,
    inputTokens,
    outputTokens,
    cachedInputTokens,
    reasoningTokens: 0,
    startTime,
    endTime: startTime + durationMs,
    durationMs,
    costUsd: ((inputTokens - cachedInputTokens) * MODEL.input + cachedInputTokens * MODEL.cachedInput + outputTokens * MODEL.output) / 1e6,
    priceSource: `genai-prices@${GENAI_PRICES_VERSION}:${MODEL.provider}/${MODEL.model}`,
    status: 'ok',
    // The model layer adds errorType this way, so the record has the same shape as a real one.
    ...(errorType !== undefined && { errorType }),
  };
}
