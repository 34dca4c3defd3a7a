import { getEventBus } from '@/lib/events/EventBus';
import { isCancellation, throwIfAborted } from '@/lib/errors/PipelineErrors';
import type { RunObservability } from '@/lib/observability';
import { STAGE_NAMES, type StageName, type StageTiming } from './types';

/** Formats a duration for progress lines. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** Runs stages of one run: timing (stageTiming), events, progress lines and the stage's span, in one place. */
export class StageRunner {
  readonly stageTiming: Record<string, StageTiming> = {};
  /** The first stage to fail with a real error (not a cancellation): the root cause when concurrent branches are aborted after it. */
  private firstError: StageName | undefined;
  /** The first stage stopped by a cancellation. */
  private firstCancelled: StageName | undefined;
  private readonly bus = getEventBus();

  /** `signal` is the run's own abort signal (fired by the caller's cancel and by a failing branch): no stage starts after it. */
  constructor(
    private readonly runId: string,
    private readonly obs: RunObservability,
    private readonly signal: AbortSignal | undefined,
    private readonly progress: (line: string) => void,
  ) {}

  /** The stage whose failure ended the run: the first real failure, else the first cancelled stage. */
  get firstFailedStage(): StageName | undefined {
    return this.firstError ?? this.firstCancelled;
  }

  /** Run one stage; its error (including cancellation) is recorded and re-thrown unchanged. */
  async run<T>(stage: StageName, fn: () => Promise<T> | T, describe?: (result: T) => string): Promise<T> {
    throwIfAborted(this.signal);
    const index = STAGE_NAMES.indexOf(stage) + 1;
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    this.bus.emit('stage:start', { runId: this.runId, stage, index, total: STAGE_NAMES.length, at: Date.now() });
    this.progress(`▸ [${index}/${STAGE_NAMES.length}] ${stage} …`);
    try {
      const result = await this.obs.stage(stage, fn, this.signal);
      const durationMs = Math.round(performance.now() - t0);
      const detail = describe ? safeDescribe(describe, result) : undefined;
      this.stageTiming[stage] = { status: 'ok', durationMs, startedAt };
      this.bus.emit('stage:complete', { runId: this.runId, stage, status: 'ok', durationMs, detail, at: Date.now() });
      this.progress(`✓ ${stage} ${formatDuration(durationMs)}${detail ? ` (${detail})` : ''}`);
      return result;
    } catch (err) {
      const durationMs = Math.round(performance.now() - t0);
      const message = err instanceof Error ? err.message : String(err);
      const cancelled = isCancellation(err) || this.signal?.aborted === true;
      if (cancelled) {
        this.stageTiming[stage] = { status: 'cancelled', durationMs, startedAt };
        this.firstCancelled ??= stage;
      } else {
        this.stageTiming[stage] = { status: 'error', durationMs, startedAt, error: message };
        this.firstError ??= stage;
      }
      this.bus.emit('stage:failed', { runId: this.runId, stage, error: cancelled ? 'cancelled' : message, cancelled, durationMs, at: Date.now() });
      this.progress(`${cancelled ? '■' : '✗'} ${stage} ${formatDuration(durationMs)} (${cancelled ? 'cancelled' : message})`);
      throw err;
    }
  }

  /** Record a stage that does not apply to this run. */
  skip(stage: StageName, reason: string): void {
    this.stageTiming[stage] = { status: 'skipped', durationMs: 0, startedAt: new Date().toISOString() };
    this.obs.skipStage(stage, reason);
    this.bus.emit('stage:complete', { runId: this.runId, stage, status: 'skipped', durationMs: 0, detail: reason, at: Date.now() });
    this.progress(`– ${stage} skipped (${reason})`);
  }
}

function safeDescribe<T>(describe: (result: T) => string, result: T): string | undefined {
  try {
    return describe(result);
  } catch {
    return undefined;
  }
}
