import { errorMessage } from '@/lib/core/errorMessage';
import { AgentCallLedger, type AgentCallInput, type AgentModelSummary, type NormalisedTokens } from './agentCallLedger';
import { stageErrorText, stageOfError, type LineIdentity } from './canonicalLineParts';
import { composeLine, LineFallback } from './composeLine';
import { finalOutcome } from './finalOutcome';
import type { JsonObject } from './jsonValue';
import { LineFields } from './lineFields';
import { stdoutLineSink } from './lineSink';
import type { RunTelemetry } from './runTelemetry';
import { buildSentryPayload } from './sentryEventPayload';
import { sentryEventSender } from './sentryEventSender';
import { truncateString } from './serialize';
import { settleLine } from './settleLine';
import { WIDE_EVENT_BUDGET_BYTES } from './sizeBudget';
import { StageLedger } from './stageLedger';
import type { RunOutcome, StageState, StageStatus } from './vocabulary';
import type { WideEventFinishDetails, WideEventOptions } from './wideEventOptions';
import { WarningLedger, type WarningInput } from './warningLedger';
import { stderrWarning } from './warn';

export { MAX_FIELDS } from './lineFields';
export type { WideEventFinishDetails, WideEventOptions } from './wideEventOptions';
/** Most stage records kept per run. */
export const MAX_STAGES = 200;

/** One rich, structured record per pipeline run, emitted once at finish(): a canonical JSON line and one Sentry event. */
export class WideEvent {
  readonly pipelineId: string;
  private readonly opts: WideEventOptions;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private readonly fields = new LineFields();
  private readonly stageLedger = new StageLedger(MAX_STAGES);
  private readonly ledger = new AgentCallLedger();
  private readonly warnings = new WarningLedger();
  private tableCount = 0;
  private traceId: string | undefined;
  private line: string | undefined;
  private finalLine: JsonObject | undefined;
  private telemetry: RunTelemetry | undefined;
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
    return this.line !== undefined;
  }

  /** The line as emitted (undefined before finish()). */
  get emitted(): JsonObject | undefined {
    return this.finalLine;
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

  /** Record one agent call, made in `stage` (fed automatically by AgentMetrics.record() through the run context). */
  recordAgentCall(call: AgentCallInput, stage?: string, tokens?: NormalisedTokens): void {
    this.guard('recordAgentCall', () => {
      this.ledger.add(call, stage ?? call.stage, tokens);
    });
  }

  /** Send this run's Sentry event in the run's own scopes and trace (the run context calls this when it binds the event). */
  useTelemetry(telemetry: RunTelemetry): void {
    if (this.finished) return;
    this.telemetry = telemetry;
    this.traceId ??= telemetry.traceId;
  }

  /** Priced cost so far and unpriced calls (constant time). */
  costSoFar(): { costUsd: number; unpricedCalls: number } {
    return this.ledger.costSoFar();
  }

  /** Complete rollups per agent and model (the run summary's cost table). */
  agentModels(): AgentModelSummary[] {
    return this.ledger.agentModels();
  }

  /**
   * Compute totals, print the canonical line, send the Sentry event, and return the line. Idempotent: later calls
   * return the same line and send nothing. A cancellation error makes the outcome `cancelled`. Never throws.
   */
  finish(outcome: RunOutcome, error?: unknown, details: WideEventFinishDetails = {}): string {
    if (this.line !== undefined) return this.line;
    const telemetry = this.telemetry;
    const effective = finalOutcome(outcome, error);
    const { line, text, freeFields, fallbackReason } = settleLine(
      () => this.build(effective, error, details),
      this.opts.budgetBytes ?? WIDE_EVENT_BUDGET_BYTES,
      {
        identity: () => this.identity(),
        outcome: effective,
        error,
        startedAt: this.startedAt,
        now: () => this.now(),
        totals: () => this.ledger.totals(),
        stageCount: () => this.stageLedger.records().length,
        tableCount: this.tableCount,
        fieldNames: () => this.fields.values.keys(),
      },
    );
    if (fallbackReason !== undefined) this.warn(`wide event ${this.pipelineId} fell back to the minimal line: ${truncateString(fallbackReason, 1000)}`);
    this.line = text;
    this.finalLine = line;

    try {
      (this.opts.sink ?? stdoutLineSink)(text);
    } catch (err) {
      this.warn(`canonical line sink failed: ${errorMessage(err)}`);
    }
    try {
      const payload = buildSentryPayload(line, freeFields);
      (this.opts.sentry ?? sentryEventSender(telemetry))(payload, effective === 'error' ? error : undefined);
    } catch (err) {
      this.warn(`sending the Sentry event failed: ${errorMessage(err)}`);
    }
    return text;
  }

  private build(outcome: RunOutcome, error: unknown, details: WideEventFinishDetails): { line: JsonObject; freeFields: string[] } {
    const now = this.clock();
    if (!Number.isFinite(now)) throw new LineFallback('clock returned a non-finite time');
    return composeLine({
      identity: this.identity(),
      outcome,
      error,
      // The stage whose failure ended the run, never a sibling stopped because of it.
      errorStage: details.errorStage ?? stageOfError(error) ?? this.firstFailedStage(),
      startedAt: this.startedAt,
      now,
      stages: this.stageLedger.records(),
      ledger: this.ledger,
      warnings: this.warnings.block(),
      agentSpans: details.agentSpans,
      tableCount: this.tableCount,
      fields: this.fields.values,
      cut: this.fields.cut,
    });
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
    if (this.line === undefined) return false;
    if (!this.warnedSealed) {
      this.warnedSealed = true;
      this.warn(`wide event ${this.pipelineId} is already finished; ${method}() and later writes are ignored`);
    }
    return true;
  }

  private warn(message: string): void {
    try {
      (this.opts.warn ?? stderrWarning)(message);
    } catch {
      // a warning sink must not break the run
    }
  }
}
