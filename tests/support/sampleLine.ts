import { CanonicalLineSchema, type CanonicalLine } from '@/lib/observability/line/canonicalSchema';

const START = Date.parse('2026-01-05T10:00:00.000Z');
const at = (ms: number) => new Date(START + ms).toISOString();

function call(agent: string, stage: string | undefined, startMs: number, durationMs: number, tokens: [number, number], costUsd: number | null = 0) {
  return {
    agent,
    model: 'local-rules-v1',
    provider: 'local',
    task: `${agent} task`,
    ...(stage ? { stage } : {}),
    status: 'ok' as const,
    inputTokens: tokens[0],
    outputTokens: tokens[1],
    cachedInputTokens: 0,
    reasoningTokens: 0,
    durationMs,
    costUsd,
    priceSource: 'local (free)',
    startedAt: at(startMs),
  };
}

/**
 * A canonical line (checked against the schema, so it follows it) of a failed run with concurrent stages, a skipped
 * and a cancelled stage, a capped call list with one call outside a stage, warnings and an error with causes.
 */
export function sampleLine(): CanonicalLine {
  const line = {
    kind: 'pipeline.run',
    schemaVersion: 4,
    pipelineId: 'run-1',
    dataset: 'brand-tracker',
    source: 'web',
    outcome: 'error',
    startedAt: at(0),
    timestamp: at(2000),
    durationMs: 2000,
    traceId: '0123456789abcdef0123456789abcdef',
    error: {
      type: 'PipelineStageError',
      message: 'VerificationAgent failed',
      stage: 'VerificationAgent',
      causes: [
        { type: 'ModelError', message: 'rate limited' },
        { type: 'HttpError', message: '429' },
      ],
    },
    warnings: {
      count: 12,
      byClassification: { agent: 10, input: 2 },
      dropped: 1,
      first: [{ classification: 'agent', action: 'dropped-item', stage: 'CrosstabAgent', message: 'Column "North" could not be mapped' }],
    },
    stages: [
      { name: 'validation', status: 'ok', startOffsetMs: 0, durationMs: 200 },
      { name: 'DataMapProcessor', status: 'ok', startOffsetMs: 200, durationMs: 10 },
      { name: 'BannerAgent', status: 'ok', startOffsetMs: 210, durationMs: 300 },
      { name: 'TableGenerator', status: 'ok', startOffsetMs: 215, durationMs: 8 },
      { name: 'SkipLogicAgent', status: 'skipped', startOffsetMs: 223, durationMs: 0, reason: 'no survey document' },
      { name: 'CrosstabAgent', status: 'ok', startOffsetMs: 510, durationMs: 100 },
      { name: 'VerificationAgent', status: 'error', startOffsetMs: 610, durationMs: 1200, error: 'ModelError: rate limited' },
      { name: 'CrosstabComputation', status: 'cancelled', startOffsetMs: 620, durationMs: 50, reason: 'another stage failed' },
    ],
    agents: {
      BannerAgent: {
        calls: 2,
        errors: 0,
        inputTokens: 300,
        outputTokens: 40,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        costUsd: 0.0012,
        unpricedCalls: 0,
        durationMs: 280,
        models: 'gpt-x',
      },
      VerificationAgent: {
        calls: 40,
        errors: 1,
        inputTokens: 9000,
        outputTokens: 900,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        costUsd: 0.25,
        unpricedCalls: 2,
        durationMs: 1100,
        models: 'gpt-x',
      },
    },
    agentCalls: [
      call('BannerAgent', 'BannerAgent', 220, 140, [150, 20], 0.0006),
      call('BannerAgent', 'BannerAgent', 365, 140, [150, 20], 0.0006),
      call('VerificationAgent', 'VerificationAgent', 615, 30, [220, 22], null),
      call('VerificationAgent', undefined, 700, 30, [220, 22]),
    ],
    agentCallsTruncated: { total: 42, kept: 4 },
    totals: {
      stages: 8,
      agentCalls: 42,
      inputTokens: 9300,
      outputTokens: 940,
      totalTokens: 10240,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      costUsd: 0.2512,
      unpricedCalls: 2,
      costComplete: false,
      tokenAnomalies: 0,
      durationMs: 2000,
      agentDurationMs: 1380,
      tableCount: 0,
    },
  };
  return CanonicalLineSchema.parse(line);
}
