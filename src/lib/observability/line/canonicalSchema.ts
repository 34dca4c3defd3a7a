import { z } from 'zod';
import { RUN_OUTCOMES, STAGE_STATUSES } from '@/lib/core/vocabulary';

/** Version of the canonical line's shape; every change bumps it (see CHANGELOG.md beside this file). */
export const CANONICAL_SCHEMA_VERSION = 4;

/** The `kind` of every canonical pipeline-run line. */
export const CANONICAL_KIND = 'pipeline.run';

const nonNegative = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

/** One level of an error's cause chain. */
export const CauseLevelSchema = z.object({ type: z.string(), message: z.string() });

/** The error of a failed run (or stage). */
export const RunErrorSchema = z.object({
  type: z.string(),
  message: z.string(),
  stage: z.string().optional(),
  causes: z.array(CauseLevelSchema).optional(),
});

/** One stage of the run. */
export const StageRecordSchema = z.object({
  name: z.string(),
  /** `cancelled`: stopped by the run's cancellation (the user's, a signal's, or a sibling stage's failure). */
  status: z.enum(STAGE_STATUSES),
  /** Milliseconds from the run's start to the stage's start: with durationMs, a timeline (concurrent stages overlap). */
  startOffsetMs: nonNegative,
  durationMs: nonNegative,
  error: z.string().optional(),
  reason: z.string().optional(),
});

/** One warning of the run, as kept in the line's first few. */
export const RunWarningSchema = z.object({
  /** input, agent, computation, export, internal (as in errors.ndjson). */
  classification: z.string(),
  /** What the run did about it: continued, dropped-item (part of what was asked for is missing), skipped-stage. */
  action: z.string(),
  stage: z.string().optional(),
  message: z.string(),
});

/** The run's warnings: every one counted, the first few kept (redacted, bounded). */
export const RunWarningsSchema = z.object({
  count: count,
  byClassification: z.record(z.string(), count),
  /** Warnings whose action dropped part of what the user asked for, or skipped a stage: they make the outcome `partial`. */
  dropped: count,
  first: z.array(RunWarningSchema),
});

/** Per-agent rollup over every call of the run (never capped). */
export const AgentRollupSchema = z.object({
  calls: count,
  errors: count,
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  reasoningTokens: count,
  /** Sum of the priced calls' own costs. */
  costUsd: nonNegative,
  /** Calls without a known price: not in costUsd. */
  unpricedCalls: count,
  durationMs: nonNegative,
  /** Models used, comma-separated. */
  models: z.string(),
});

/** One agent call as kept in the capped per-call list. */
export const AgentCallEntrySchema = z.object({
  agent: z.string(),
  model: z.string(),
  provider: z.string(),
  task: z.string(),
  stage: z.string().optional(),
  status: z.enum(['ok', 'error']),
  errorType: z.string().optional(),
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  reasoningTokens: count,
  durationMs: nonNegative,
  costUsd: nonNegative.nullable(),
  priceSource: z.string(),
  startedAt: z.string(),
});

/** Run totals. Input tokens include cached ones; cached and reasoning tokens are subsets. */
export const TotalsSchema = z.object({
  stages: count,
  agentCalls: count,
  inputTokens: count,
  outputTokens: count,
  totalTokens: count,
  cachedInputTokens: count,
  reasoningTokens: count,
  /** Sum of priced calls; see costComplete / unpricedCalls. */
  costUsd: nonNegative,
  unpricedCalls: count,
  costComplete: z.boolean(),
  /** Calls whose token counts broke the subset rules (clamped when totalled). */
  tokenAnomalies: count,
  durationMs: nonNegative,
  agentDurationMs: nonNegative,
  tableCount: count,
});

/** The process that ran the run (web runs): in the distributed mode, the worker that took it from the queue. */
export const RunWorkerSchema = z.object({ id: z.string(), host: z.string(), pid: count });

/** The canonical wide-event line (schema version 4). Fields added with set() sit beside these. */
export const CanonicalLineSchema = z.looseObject({
  kind: z.literal(CANONICAL_KIND),
  schemaVersion: z.literal(CANONICAL_SCHEMA_VERSION),
  pipelineId: z.string().min(1),
  dataset: z.string(),
  orgId: z.string().optional(),
  userId: z.string().optional(),
  source: z.enum(['cli', 'web']),
  outcome: z.enum(RUN_OUTCOMES),
  startedAt: z.iso.datetime(),
  timestamp: z.iso.datetime(),
  durationMs: nonNegative,
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  /** Which delivery of the run this is (web runs: 1, or more when a run was taken from the queue again). */
  attempt: count.optional(),
  /** The process that ran it (web runs). */
  worker: RunWorkerSchema.optional(),
  /** Milliseconds the run waited in its queue, from the upload to its start (web runs). */
  queueWaitMs: nonNegative.optional(),
  /** Trace id of the request that asked for the run (web runs), which links to the run's root span. */
  requestTraceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  error: RunErrorSchema.optional(),
  /** Present when the run had warnings (problems it continued past). */
  warnings: RunWarningsSchema.optional(),
  stages: z.array(StageRecordSchema),
  agents: z.record(z.string(), AgentRollupSchema),
  agentCalls: z.array(AgentCallEntrySchema),
  /** Present when the per-call list was capped: how many calls exist and how many were kept. */
  agentCallsTruncated: z.object({ total: count, kept: count }).optional(),
  /** Present when the run's gen_ai spans were capped (Sentry on): how many calls there were and how many got a span. */
  agentSpansTruncated: z.object({ total: count, kept: count }).optional(),
  totals: TotalsSchema,
  /** What was cut to fit the budget, by field, with the reason. */
  truncated: z.record(z.string(), z.string()).optional(),
  /** Present on the minimal fallback line: why the full line could not be emitted. */
  fallback: z.object({ reason: z.string() }).optional(),
});

/** A canonical line as parsed. */
export type CanonicalLine = z.infer<typeof CanonicalLineSchema>;
/** A stage record of the canonical line. */
export type StageRecord = z.infer<typeof StageRecordSchema>;
/** A per-agent rollup of the canonical line. */
export type AgentRollup = z.infer<typeof AgentRollupSchema>;
/** One kept agent call of the canonical line. */
export type AgentCallEntry = z.infer<typeof AgentCallEntrySchema>;
/** Totals of the canonical line. */
export type RunTotals = z.infer<typeof TotalsSchema>;
/** The warnings block of the canonical line. */
export type RunWarnings = z.infer<typeof RunWarningsSchema>;
/** One kept warning of the canonical line. */
export type RunWarning = z.infer<typeof RunWarningSchema>;
/** The error block of the canonical line. */
export type RunErrorInfo = z.infer<typeof RunErrorSchema>;
/** The process that ran a run. */
export type RunWorker = z.infer<typeof RunWorkerSchema>;

/** JSON Schema (draft-07, for the widest validator support) of the canonical line, generated from the zod schema. */
export function canonicalLineJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CanonicalLineSchema, { target: 'draft-07' }) as Record<string, unknown>;
}

/** Names of the fields the line always defines; set() cannot overwrite them. */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set(Object.keys(CanonicalLineSchema.shape));
