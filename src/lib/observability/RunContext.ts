import { AsyncLocalStorage } from 'node:async_hooks';
import type { AgentCallRecord } from './agentCallRecord';
import { startAgentInvocation, type AgentInvocation } from './agentInvocation';
import { normaliseTokens } from './agentCallLedger';
import { emitAgentCallTelemetry } from './agentTelemetry';
import { inCleanAsyncContext } from './cleanAsyncContext';
import { errorMessage } from '@/lib/core/errorMessage';
import type { RunTelemetry } from './runTelemetry';
import { activeSentry } from './sentrySdk';
import { stderrWarning } from './warn';
import type { WideEvent } from './wide-event';

/** What the code running inside a run can reach: the run, and the stage this async branch is in. */
export interface RunFrame {
  readonly run: RunContext;
  readonly stage?: string;
  /** The agent invocation this branch is inside (its calls are children of its invoke_agent span). */
  readonly invocation?: AgentInvocation;
}

const carrier = globalThis as typeof globalThis & { __crosstabRunFrame?: AsyncLocalStorage<RunFrame> };
const storage = (carrier.__crosstabRunFrame ??= new AsyncLocalStorage<RunFrame>());

/** The run (and stage) of the calling async context, if inside one. */
export function currentRun(): RunFrame | undefined {
  return storage.getStore();
}

/**
 * One run's state, carried in AsyncLocalStorage from the moment the run starts: its id, its wide event, its Sentry
 * telemetry (scopes, root and stage spans, span budget). Everything that needs "the current run" reads it from
 * currentRun(); nothing is looked up by run id.
 */
export class RunContext {
  private event: WideEvent | undefined;

  constructor(
    readonly runId: string,
    readonly telemetry: RunTelemetry | undefined,
  ) {}

  /** The wide event agent calls of this run feed. */
  get wideEvent(): WideEvent | undefined {
    return this.event;
  }

  /** Make `event` the run's wide event (its Sentry event is then sent in the run's scopes and trace). */
  bind(event: WideEvent | undefined): void {
    this.event = event;
    if (event && this.telemetry) event.useTelemetry(this.telemetry);
  }

  /**
   * Run `fn` inside the run: a clean async context (nothing of whoever called), the run's own Sentry isolation and
   * current scopes with its root span active, and this run as currentRun().
   */
  enter<T>(fn: () => T): T {
    return inCleanAsyncContext(() => {
      const framed = (): T => storage.run({ run: this }, fn);
      const t = this.telemetry;
      const Sentry = t ? activeSentry()?.sentry : undefined;
      if (!t || !Sentry) return framed();
      return Sentry.withIsolationScope(t.isolationScope, () => Sentry.withScope(t.currentScope, () => Sentry.withActiveSpan(t.rootSpan, framed)));
    });
  }

  /** Run `fn` as stage `stage` of this run (entering the run first when the caller is not in it), with the stage's span active. */
  inStage<T>(stage: string, fn: () => T): T {
    const inStage = (): T => {
      const span = this.telemetry?.stageSpans.get(stage);
      const Sentry = span ? activeSentry()?.sentry : undefined;
      return storage.run({ run: this, stage }, span && Sentry ? () => Sentry.withActiveSpan(span, fn) : fn);
    };
    return currentRun()?.run === this ? inStage() : this.enter(inStage);
  }

  /** Start an invocation of `agent` (one unit of its work) in `stage`: an invoke_agent span while the span budget lasts. */
  invoke(stage: string | undefined, agent: string, task: string, model: string | undefined): AgentInvocation {
    return startAgentInvocation(this.telemetry, stage, agent, task, model);
  }

  /** Run `fn` inside an invocation of this run (its span active, its calls its children). */
  inInvocation<T>(stage: string | undefined, invocation: AgentInvocation, fn: () => T): T {
    const span = invocation.span;
    const Sentry = span ? activeSentry()?.sentry : undefined;
    const framed = (): T =>
      storage.run({ run: this, ...(stage !== undefined ? { stage } : {}), invocation }, span && Sentry ? () => Sentry.withActiveSpan(span, fn) : fn);
    return currentRun()?.run === this ? framed() : this.enter(framed);
  }

  /** One agent call of this run: into the wide event (rollups, totals, capped list), and its breadcrumb and gen_ai span. */
  recordAgentCall(call: AgentCallRecord, stage: string | undefined, invocation?: AgentInvocation): void {
    // Token counts are normalised once here, for the ledger, the breadcrumb and the spans alike.
    const tokens = normaliseTokens(call);
    try {
      this.event?.recordAgentCall(call, stage, tokens);
    } catch (err) {
      stderrWarning(`feeding the wide event failed: ${errorMessage(err)}`);
    }
    try {
      emitAgentCallTelemetry(call, this.telemetry, stage, invocation, tokens);
    } catch (err) {
      stderrWarning(`agent call telemetry failed: ${errorMessage(err)}`);
    }
  }

  /** The run's cost so far: priced calls summed, unpriced calls counted (from the wide event's one ledger). */
  costSoFar(): { costUsd: number; unpricedCalls: number } {
    const totals = this.event?.costSoFar();
    return totals ?? { costUsd: 0, unpricedCalls: 0 };
  }
}
