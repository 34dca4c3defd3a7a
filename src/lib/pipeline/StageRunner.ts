import { getEventBus } from '@/lib/events/EventBus';
import { endedByCancellation } from '@/lib/core/cancellation';
import { errorMessage } from '@/lib/core/errorMessage';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import type { RunObservability } from '@/lib/observability';
import { STAGE_NAMES, type StageName, type StageState, type StageTiming } from '@/lib/core/types';

/** Formats a duration for progress lines. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Runs the stages of one run: no stage starts after the run's signal fired; the run handle keeps the one stage model
 * (state, timing, span); this adds the progress lines and the stage events, which carry a snapshot of every stage.
 */
export class StageRunner {
  private readonly bus = getEventBus();
  private readonly startedAt = Date.now();

  /** `signal` is the run's own abort signal (fired by the caller's cancel and by a failing branch). */
  constructor(
    private readonly runId: string,
    private readonly obs: RunObservability,
    private readonly signal: AbortSignal | undefined,
    private readonly progress: (line: string) => void,
  ) {}

  /** The stage whose failure ended the run: the first real failure, else the first cancelled stage. */
  get firstFailedStage(): StageName | undefined {
    return this.obs.firstFailedStage() as StageName | undefined;
  }

  /** Every stage as it stands. */
  get stages(): StageState[] {
    return this.obs.stages();
  }

  /** The run summary's view of the stages: status, duration and start time of each ended stage. */
  get stageTiming(): Record<string, StageTiming> {
    const out: Record<string, StageTiming> = {};
    for (const s of this.obs.stages()) {
      if (s.status === 'running') continue;
      out[s.name] = {
        status: s.status,
        durationMs: Math.round(s.durationMs ?? 0),
        startedAt: new Date(this.startedAt + s.startOffsetMs).toISOString(),
        ...(s.error !== undefined ? { error: s.error } : {}),
      };
    }
    return out;
  }

  /** Run one stage; its error (including cancellation) is recorded and re-thrown unchanged. */
  async run<T>(stage: StageName, fn: () => Promise<T> | T, describe?: (result: T) => string): Promise<T> {
    throwIfAborted(this.signal);
    const index = STAGE_NAMES.indexOf(stage) + 1;
    this.progress(`▸ [${index}/${STAGE_NAMES.length}] ${stage} …`);
    const onStart = (): void =>
      this.bus.emit('stage:start', { runId: this.runId, stage, index, total: STAGE_NAMES.length, stages: this.obs.stages(), at: Date.now() });
    try {
      const result = await this.obs.stage(stage, fn, { signal: this.signal, onStart, ...(describe ? { describe } : {}) });
      const state = this.stateOf(stage);
      const durationMs = Math.round(state?.durationMs ?? 0);
      this.bus.emit('stage:complete', {
        runId: this.runId,
        stage,
        status: 'ok',
        durationMs,
        ...(state?.detail ? { detail: state.detail } : {}),
        stages: this.obs.stages(),
        at: Date.now(),
      });
      this.progress(`✓ ${stage} ${formatDuration(durationMs)}${state?.detail ? ` (${state.detail})` : ''}`);
      return result;
    } catch (err) {
      const durationMs = Math.round(this.stateOf(stage)?.durationMs ?? 0);
      const cancelled = endedByCancellation(err, this.signal);
      const message = errorMessage(err);
      this.bus.emit('stage:failed', {
        runId: this.runId,
        stage,
        error: cancelled ? 'cancelled' : message,
        cancelled,
        durationMs,
        stages: this.obs.stages(),
        at: Date.now(),
      });
      this.progress(`${cancelled ? '■' : '✗'} ${stage} ${formatDuration(durationMs)} (${cancelled ? 'cancelled' : message})`);
      throw err;
    }
  }

  /** Record a stage that does not apply to this run. */
  skip(stage: StageName, reason: string): void {
    this.obs.skipStage(stage, reason);
    this.bus.emit('stage:complete', { runId: this.runId, stage, status: 'skipped', durationMs: 0, detail: reason, stages: this.obs.stages(), at: Date.now() });
    this.progress(`– ${stage} skipped (${reason})`);
  }

  private stateOf(stage: StageName): StageState | undefined {
    const all = this.obs.stages();
    for (let i = all.length - 1; i >= 0; i -= 1) if (all[i]!.name === stage) return all[i];
    return undefined;
  }
}
