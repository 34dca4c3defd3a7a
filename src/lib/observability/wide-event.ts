import { errorMessage } from '@/lib/core/errorMessage';
import type { RunEnd } from '@/lib/core/runEnd';
import { AgentCallLedger, type AgentCallInput, type AgentModelSummary, type NormalisedTokens } from './agentCalls/agentCallLedger';
import { buildLine } from './line/buildLine';
import type { CanonicalLine } from './line/canonicalSchema';
import { stageErrorText, type LineIdentity } from './line/lineParts';
import { LineFields } from './line/lineFields';
import type { FinishedLine } from './line/lineSinks';
import { truncateString } from './line/serialize';
import { WIDE_EVENT_BUDGET_BYTES } from './line/sizeBudget';
import { StageLedger } from './run/stageLedger';
import type { RunOutcome, StageState, StageStatus } from '@/lib/core/types';
import type { WideEventFinishDetails, WideEventOptions } from './line/wideEventOptions';
import { WarningLedger, type WarningInput } from './line/warningLedger';
import { operatorWarning } from './warn';

export { MAX_FIELDS } from './line/lineFields';
export type { WideEventFinishDetails, WideEventOptions } from './line/wideEventOptions';
/** Most stage records kept per run. */
export const MAX_STAGES = 200;

/**
 * One rich, structured record per pipeline run: it collects the run's stages, agent calls, warnings and fields, and
 * finish() settles them once into the run's typed canonical line. Where the line goes (stdout, Sentry, files, stores)
 * is the run's list of line sinks, not this class's concern.
 */
export class WideEvent {
  readonly pipelineId: string;
  private readonly opts: WideEventOptions;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private readonly fields = new LineFields();
  private readonly stageLedger = new StageLedger(MAX_STAGES);
  /** Every agent call of the run: rollups, totals, the capped per-call list (the one cost ledger). */
  readonly calls = new AgentCallLedger();
  private readonly warnings = new WarningLedger();
  private tableCount = 0;
  private traceId: string | undefined;
  private settled: FinishedLine | undefined;
  private warnedSealed = false;

  constructor(opts: WideEventOptions) {
    this.opts = opts;
    this.pipelineId = truncateString(String(opts.pipelineId), 200);
    this.clock = opts.clock ?? Date.now;
    this.startedAt = this.now();
    this.traceId = opts.traceId;
  }

  /** True once finish() has run; later writes are ignored. */
  get finished(): boolean {
    return this.settled !== undefined;
  }

  /** The line as settled (undefined before finish()). */
  get emitted(): CanonicalLine | undefined {
    return this.settled?.line;
  }

  /** Add a field beside the canonical ones (any value: it is made JSON-safe and bounded now). */
  set(key: string, value: unknown): void {
    this.guard('set', () => {
      const k = LineFields.keyOf(key);
      if (k === 'tableCount' && typeof value === 'number') this.setTableCount(value);
      else this.fields.set(k, value);
    });
  }

  /** Number of tables the run produced. */
  setTableCount(n: number): void {
    if (this.sealed('setTableCount')) return;
    if (Number.isFinite(n) && n >= 0) this.tableCount = Math.round(n);
  }

  /** Trace id of the run (set once the root span exists). */
  setTraceId(traceId: string | undefined): void {
    if (!this.finished) this.traceId = traceId;
  }

  /** A stage starts now (it shows as running in stage snapshots until recordStage() ends it). */
  startStage(name: string): void {
    if (this.sealed('startStage')) return;
    if (!this.stageLedger.start(truncateString(String(name), 100), this.offsetNow())) this.fields.cut.stages = `stage limit (${MAX_STAGES}) reached`;
  }

  /**
   * Record a stage's end: a started stage is timed from its start (`durationMs` undefined) or given its duration; a
   * stage never started is recorded whole (the plan's API).
   */
  recordStage(name: string, status: StageStatus, durationMs?: number, error?: unknown, reason?: string, detail?: string): void {
    this.guard('recordStage', () => {
      const duration = durationMs === undefined ? undefined : Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
      const facts = {
        ...(error !== undefined ? { error: stageErrorText(error) } : {}),
        ...(reason !== undefined ? { reason: truncateString(String(reason), 500) } : {}),
        ...(detail !== undefined ? { detail: truncateString(String(detail), 200) } : {}),
      };
      if (!this.stageLedger.end(truncateString(String(name), 100), status, this.offsetNow(), duration, facts))
        this.fields.cut.stages = `stage limit (${MAX_STAGES}) reached`;
    });
  }

  /** A problem the run continued past (counted, the first few kept in the line). */
  recordWarning(warning: WarningInput): void {
    this.guard('recordWarning', () => {
      this.warnings.add(warning);
    });
  }

  /** Whether a warning dropped part of what the user asked for (the run's outcome is then `partial`). */
  get droppedPartOfTheRun(): boolean {
    return this.warnings.droppedAny;
  }

  /** Every stage as it stands (running ones included): the one stage model that all views read. */
  stageSnapshot(): StageState[] {
    return this.stageLedger.snapshot();
  }

  /** Names of the stages still running. */
  runningStages(): string[] {
    return this.stageLedger.running();
  }

  /** The stage whose failure ended the run: the first to end with an error, else the first cancelled. */
  firstFailedStage(): string | undefined {
    return this.stageLedger.firstEndedWith('error') ?? this.stageLedger.firstEndedWith('cancelled');
  }

  /** Record one agent call, made in `stage` (the plan's API; a run's calls reach `calls` straight from the run). */
  recordAgentCall(call: AgentCallInput, stage?: string, tokens?: NormalisedTokens): void {
    this.guard('recordAgentCall', () => {
      this.calls.add(call, stage ?? call.stage, tokens);
    });
  }

  /** Complete rollups per agent and model (the run summary's cost table). */
  agentModels(): AgentModelSummary[] {
    return this.calls.agentModels();
  }

  /**
   * Settle the run's canonical line: every total computed, redacted, fitted to its byte budget, checked against its
   * schema (or the one fallback line, with a warning saying why). The outcome and failed stage are taken as given: they
   * are decided once, by the run (decideRunEnd). Idempotent: later calls return the same line. Never throws.
   */
  finish(outcome: RunOutcome, error?: unknown, details: WideEventFinishDetails = {}): FinishedLine {
    if (this.settled !== undefined) return this.settled;
    const end: RunEnd = {
      outcome,
      ...(error !== undefined ? { error } : {}),
      ...(details.failedStage !== undefined ? { failedStage: details.failedStage } : {}),
    };
    const built = buildLine(
      {
        identity: () => this.identity(),
        outcome,
        error,
        failedStage: details.failedStage,
        startedAt: this.startedAt,
        now: () => this.clock(),
        stages: () => this.stageLedger.records(),
        ledger: this.calls,
        warnings: () => this.warnings.block(),
        agentSpans: details.agentSpans,
        tableCount: this.tableCount,
        fields: this.fields.values,
        cut: this.fields.cut,
      },
      this.opts.budgetBytes ?? WIDE_EVENT_BUDGET_BYTES,
    );
    if (built.fallbackReason !== undefined)
      this.warn(`wide event ${this.pipelineId} fell back to the minimal line: ${truncateString(built.fallbackReason, 1000)}`);
    this.settled = { text: built.text, line: built.line, freeFields: built.freeFields, end };
    return this.settled;
  }

  private identity(): LineIdentity {
    const o = this.opts;
    return {
      pipelineId: this.pipelineId,
      dataset: o.dataset,
      orgId: o.orgId,
      userId: o.userId,
      source: o.source,
      traceId: this.traceId,
      requestTraceId: o.requestTraceId,
      attempt: o.attempt,
      worker: o.worker,
      queueWaitMs: o.queueWaitMs,
    };
  }

  /** Milliseconds since the run started, by the run's clock. */
  private offsetNow(): number {
    return Math.max(0, this.now() - this.startedAt);
  }

  /** The clock's time, or the system time when the injected clock fails. */
  private now(): number {
    try {
      const t = this.clock();
      return Number.isFinite(t) ? t : Date.now();
    } catch {
      return Date.now();
    }
  }

  /** Run one write unless the event is finished; a failing write is warned about, never thrown. */
  private guard(method: string, write: () => void): void {
    if (this.sealed(method)) return;
    try {
      write();
    } catch (err) {
      this.warn(`${method} failed: ${errorMessage(err)}`);
    }
  }

  private sealed(method: string): boolean {
    if (this.settled === undefined) return false;
    if (!this.warnedSealed) {
      this.warnedSealed = true;
      this.warn(`wide event ${this.pipelineId} is already finished; ${method}() and later writes are ignored`);
    }
    return true;
  }

  private warn(message: string): void {
    try {
      (this.opts.warn ?? operatorWarning)(message);
    } catch {
      // a warning sink must not break the run
    }
  }
}
