import type { Breadcrumb } from '@sentry/core';
import { endedByCancellation } from '@/lib/core/cancellation';
import { errorMessage } from '@/lib/core/errorMessage';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import type { RunEnd } from '@/lib/core/runEnd';
import type { StageState } from '@/lib/core/types';
import { normaliseTokens } from '../agentCalls/tokenCounts';
import type { AgentCallRecord } from '../agentCalls/agentCallRecord';
import { startAgentInvocation, type AgentInvocation } from '../agentCalls/agentInvocation';
import { emitAgentCallTelemetry } from '../agentCalls/agentTelemetry';
import type { RunWorker } from '../line/canonicalSchema';
import { deliverLine, stdoutLineSink, type FinishedLine, type LineSink } from '../line/lineSinks';
import { startPipelineTransaction } from '../sentry-pipeline';
import type { PipelineSpanContext, StageSpan } from '../sentry/pipelineSpanTypes';
import type { RunTelemetry } from '../sentry/runTelemetry';
import { runSummaryAttributes } from '../sentry/runSummaryAttributes';
import { sentryEventId, sentryEventSender, sentryLineSink, type SentryEventSender } from '../sentry/sentryLineSink';
import { activeSentry } from '../sentry/sentrySdk';
import { operatorWarning, type WarningSink } from '../warn';
import { WideEvent } from '../wide-event';
import { trackActiveRun, untrackActiveRun } from './activeRuns';
import { inCleanAsyncContext } from './cleanAsyncContext';
import { currentRun, inFrame } from './currentRun';
import type { RunLink } from './runLink';

/** Who and what a run is, and where its line goes. */
export interface RunObservabilityOptions {
  /** The run's id (the line's `pipelineId`, the `pipeline_id` tag). */
  runId: string;
  dataset: string;
  source: 'cli' | 'web';
  orgId?: string;
  userId?: string;
  /** The user's cancel: a stage failing after it fired is recorded as cancelled, not as an error. */
  signal?: AbortSignal;
  /** The request that asked for the run: the root span links to it and the line carries its trace id. */
  link?: RunLink;
  /** Breadcrumbs the run starts with (e.g. the upload that asked for it, stamped when it arrived). */
  breadcrumbs?: Breadcrumb[];
  /** Most gen_ai spans the run sends (default MAX_AGENT_SPANS_PER_RUN). */
  maxAgentSpans?: number;
  /** Which delivery of the run this is (default 1): its Sentry event id follows from the run id and this. */
  attempt?: number;
  /** Web runs: the process that runs it, and how long it waited in its queue (both go on its line). */
  worker?: RunWorker;
  queueWaitMs?: number;
  /**
   * Where the run's finish is claimed before its line goes anywhere (the distributed store's conditional update on the
   * run's attempt): when it resolves false, another process already ended the run and this one emits nothing.
   */
  claim?: (finished: FinishedLine) => Promise<boolean>;
  /** Where the finished line goes besides Sentry (default: stdout). More can be added with addSink() before finish(). */
  sinks?: LineSink[];
  /** How the Sentry event is sent (default: in the run's own scopes; tests keep the payload). */
  sentry?: SentryEventSender;
  /** Where the module's own warnings go (default: the operator log). */
  warn?: WarningSink;
  /** Epoch-ms clock (default Date.now). */
  clock?: () => number;
}

/** How a stage is run. */
export interface StageOptions<T> {
  /** The run's own abort signal (also fired when a sibling stage fails): a failure after it fired counts as cancelled. */
  signal?: AbortSignal;
  /** What the stage produced, in a few words ("16 tables"), kept with the stage. */
  describe?: (result: T) => string;
  /** Called once the stage is recorded as running, before its work starts (a throw fails the stage). */
  onStart?: () => void;
}

/** Reasons recorded with a cancelled stage. */
const SIBLING_FAILED = 'stopped because another stage failed';
const RUN_CANCELLED = 'run cancelled';
const STILL_RUNNING = 'run ended while the stage was running';

function describeResult<T>(fn: ((result: T) => string) | undefined, result: T): string | undefined {
  try {
    return fn?.(result);
  } catch {
    return undefined;
  }
}

/**
 * One observed run: its wide event (what it collects), its Sentry spans and scopes, its async context (the run every
 * agent call made inside it reaches, without any lookup by id), and the list of sinks its finished line goes to.
 * Works the same with Sentry off. Tracked from its start until it finishes, so a signal or a shutdown can end it.
 */
export class ObservedRun {
  readonly runId: string;
  readonly wideEvent: WideEvent;
  /** The run's Sentry state (undefined when Sentry is off). */
  readonly telemetry: RunTelemetry | undefined;
  private readonly spans: PipelineSpanContext;
  private readonly sinks: LineSink[];
  private readonly openStages = new Map<string, StageSpan>();
  private delivery: Promise<void> = Promise.resolve();
  private readonly endable = {
    runId: '',
    endNow: (reason: string) => void this.finish({ outcome: 'cancelled', error: new PipelineCancelledError(`Pipeline run was cancelled: ${reason}`) }),
  };

  constructor(private readonly opts: RunObservabilityOptions) {
    this.runId = opts.runId;
    // Built once: the spans and the line name the run alike (the line's field is `pipelineId`, as the plan has it).
    const identity = { pipelineId: opts.runId, dataset: opts.dataset, source: opts.source, orgId: opts.orgId, userId: opts.userId };
    this.spans = startPipelineTransaction({ ...identity, link: opts.link, breadcrumbs: opts.breadcrumbs, maxAgentSpans: opts.maxAgentSpans });
    this.telemetry = this.spans.telemetry;
    this.wideEvent = new WideEvent({
      ...identity,
      traceId: this.spans.traceId,
      requestTraceId: opts.link?.traceId,
      attempt: opts.attempt,
      worker: opts.worker,
      queueWaitMs: opts.queueWaitMs,
      warn: opts.warn,
      clock: opts.clock,
    });
    const eventId = sentryEventId(opts.runId, opts.attempt ?? 1);
    this.sinks = [...(opts.sinks ?? [stdoutLineSink]), sentryLineSink(opts.sentry ?? sentryEventSender(this.telemetry, eventId))];
    this.endable.runId = opts.runId;
    trackActiveRun(this.endable);
  }

  /** Trace id of the run's spans and event (undefined when Sentry is off). */
  get traceId(): string | undefined {
    return this.spans.traceId;
  }

  /** True once the run's line has been settled and handed to its sinks. */
  get finished(): boolean {
    return this.wideEvent.finished;
  }

  /** Settles once every sink has the run's line (asynchronous sinks included); never rejects. */
  get delivered(): Promise<void> {
    return this.delivery;
  }

  /** One more place the finished line goes (before finish(); later sinks miss the line, with a warning). */
  addSink(sink: LineSink): void {
    if (this.finished) this.warn(`a line sink was added to run ${this.runId} after it finished`);
    else this.sinks.push(sink);
  }

  /**
   * Run `fn` inside the run: a clean async context (nothing of whoever called), the run's own Sentry isolation and
   * current scopes with its root span active, and this run as currentRun().
   */
  run<T>(fn: () => T): T {
    return inCleanAsyncContext(() => this.withScopes(this.telemetry?.rootSpan, () => inFrame({ run: this }, fn)));
  }

  /**
   * Run a stage inside its span and as the current stage of its async branch; records its state (running, then ok,
   * error or cancelled, timed once) and re-throws fn's error unchanged. A failure is `cancelled` when it is a
   * cancellation or when the user's cancel or `options.signal` had fired.
   */
  async stage<T>(name: string, fn: () => T | Promise<T>, options: StageOptions<T> = {}): Promise<T> {
    const span = this.spans.startStage(name);
    this.wideEvent.startStage(name);
    this.openStages.set(name, span);
    try {
      options.onStart?.();
      const result = await this.inStage(name, fn);
      if (this.openStages.delete(name)) {
        this.wideEvent.recordStage(name, 'ok', undefined, undefined, undefined, describeResult(options.describe, result));
        span.finish('ok');
      }
      return result;
    } catch (err) {
      if (this.openStages.delete(name)) {
        if (endedByCancellation(err, this.opts.signal, options.signal)) {
          const reason = this.opts.signal?.aborted === true ? RUN_CANCELLED : SIBLING_FAILED;
          this.wideEvent.recordStage(name, 'cancelled', undefined, undefined, reason);
          span.finish('cancelled', reason);
        } else {
          this.wideEvent.recordStage(name, 'error', undefined, err);
          span.finish('error');
        }
      }
      throw err;
    }
  }

  /** Record a stage that did not run (status skipped, with the reason). */
  skipStage(name: string, reason: string): void {
    this.wideEvent.recordStage(name, 'skipped', 0, undefined, reason);
    this.spans.startStage(name).finish('skipped');
  }

  /** Every stage as it stands (running ones included): the one stage model. */
  stages(): StageState[] {
    return this.wideEvent.stageSnapshot();
  }

  /** The first stage that failed, else the first cancelled (what decideRunEnd needs). */
  firstFailedStage(): string | undefined {
    return this.wideEvent.firstFailedStage();
  }

  /** Add a field to the run's line. */
  set(key: string, value: unknown): void {
    this.wideEvent.set(key, value);
  }

  /** Number of tables the run produced. */
  setTableCount(n: number): void {
    this.wideEvent.setTableCount(n);
  }

  /**
   * Finish the run as `end` says (decided once, by decideRunEnd): stages still open are recorded as cancelled, the line
   * is settled and handed to every sink, and the root span ends with the run's summary. Idempotent; returns the line's
   * text. Never throws.
   */
  finish(end: RunEnd, final: { tableCount?: number } = {}): string {
    if (this.wideEvent.finished) return this.wideEvent.finish(end.outcome).text;
    if (final.tableCount !== undefined) this.wideEvent.setTableCount(final.tableCount);
    for (const name of this.wideEvent.runningStages()) this.wideEvent.recordStage(name, 'cancelled', undefined, undefined, STILL_RUNNING);
    for (const span of this.openStages.values()) span.finish('cancelled', STILL_RUNNING);
    this.openStages.clear();
    const budget = this.telemetry?.agentSpans;
    const finished = this.wideEvent.finish(end.outcome, end.error, {
      failedStage: end.failedStage,
      agentSpans: budget ? { total: budget.total, kept: budget.kept } : undefined,
    });
    this.delivery = this.deliver(finished);
    try {
      this.spans.finish(end.outcome, runSummaryAttributes(finished.line));
    } catch {
      // spans never break the run
    }
    untrackActiveRun(this.endable);
    return finished.text;
  }

  /** One agent call of this run: into its ledger, and its breadcrumb and gen_ai span. Never throws. */
  recordAgentCall(call: AgentCallRecord, stage: string | undefined, invocation?: AgentInvocation): void {
    // Token counts are normalised once here, for the ledger, the breadcrumb and the spans alike.
    const tokens = normaliseTokens(call);
    if (this.wideEvent.finished) this.wideEvent.recordAgentCall(call, stage, tokens);
    else
      try {
        this.wideEvent.calls.add(call, stage, tokens);
      } catch (err) {
        this.warn(`recording an agent call failed: ${errorMessage(err)}`);
      }
    try {
      emitAgentCallTelemetry(call, this.telemetry, stage, invocation, tokens);
    } catch (err) {
      this.warn(`agent call telemetry failed: ${errorMessage(err)}`);
    }
  }

  /** The run's cost so far: priced calls summed, unpriced calls counted (from its one ledger). */
  costSoFar(): { costUsd: number; unpricedCalls: number } {
    return this.wideEvent.calls.costSoFar();
  }

  /** Start an invocation of `agent` (one unit of its work) in `stage`: an invoke_agent span while the span budget lasts. */
  invoke(stage: string | undefined, agent: string, task: string, model: string | undefined): AgentInvocation {
    return startAgentInvocation(this.telemetry, stage, agent, task, model);
  }

  /** Run `fn` inside an invocation of this run (its span active, its calls its children). */
  inInvocation<T>(stage: string | undefined, invocation: AgentInvocation, fn: () => T): T {
    const framed = (): T => this.withActiveSpan(invocation.span, () => inFrame({ run: this, ...(stage !== undefined ? { stage } : {}), invocation }, fn));
    return currentRun()?.run === this ? framed() : this.run(framed);
  }

  /** Run `fn` as stage `stage` of this run (entering the run first when the caller is not in it), its span active. */
  inStage<T>(stage: string, fn: () => T): T {
    const framed = (): T => this.withActiveSpan(this.telemetry?.stageSpans.get(stage), () => inFrame({ run: this, stage }, fn));
    return currentRun()?.run === this ? framed() : this.run(framed);
  }

  /** Hand the line to every sink, once the finish is claimed (when a claim is configured). Never rejects. */
  private async deliver(finished: FinishedLine): Promise<void> {
    const report = (message: string) => this.warn(`run ${this.runId}: ${message}`);
    if (this.opts.claim) {
      let claimed = false;
      try {
        claimed = await this.opts.claim(finished);
      } catch (err) {
        report(`claiming its finish failed: ${errorMessage(err)}`);
      }
      if (!claimed) {
        report('another process already ended this run: its line and event are not emitted here');
        return;
      }
    }
    await deliverLine(finished, this.sinks, report);
  }

  private withScopes<T>(span: RunTelemetry['rootSpan'] | undefined, fn: () => T): T {
    const t = this.telemetry;
    const Sentry = t ? activeSentry()?.sentry : undefined;
    if (!t || !Sentry) return fn();
    return Sentry.withIsolationScope(t.isolationScope, () => Sentry.withScope(t.currentScope, () => (span ? Sentry.withActiveSpan(span, fn) : fn())));
  }

  private withActiveSpan<T>(span: RunTelemetry['rootSpan'] | undefined, fn: () => T): T {
    const Sentry = span ? activeSentry()?.sentry : undefined;
    return span && Sentry ? Sentry.withActiveSpan(span, fn) : fn();
  }

  private warn(message: string): void {
    try {
      (this.opts.warn ?? operatorWarning)(message);
    } catch {
      // a warning sink must not break the run
    }
  }
}

/** Start observing one run (a new trace, fresh Sentry scopes, a wide event of its own). */
export function startRunObservability(opts: RunObservabilityOptions): ObservedRun {
  return new ObservedRun(opts);
}

/** The run handle a runner is given (the one run object). */
export type RunObservability = ObservedRun;
