import type { PipelineEvent } from '@/lib/events/EventBus';
import type { RunPatch } from '@/lib/db/runStore';
import type { RunStageState } from '@/lib/db/RunRecord';
import type { StageName, StageState } from '@/lib/core/types';

/** The web record's view of the run's stage model: name, status, start offset, duration and a detail (result, reason or error). */
export function recordStages(stages: readonly StageState[]): RunStageState[] {
  return stages.map((s) => {
    const detail = s.status === 'error' ? s.error : s.status === 'skipped' ? s.reason : s.status === 'ok' ? s.detail : undefined;
    return {
      name: s.name as StageName,
      status: s.status,
      startOffsetMs: Math.round(s.startOffsetMs),
      ...(s.durationMs !== undefined ? { durationMs: Math.round(s.durationMs) } : {}),
      ...(detail !== undefined ? { detail } : {}),
    };
  });
}

/** Turns one run's stage events into record patches: the stages (a view of the event's snapshot), the current stage, progress. */
export class RunProgress {
  currentStage: string | null = null;
  /** 0..1, never going back. */
  progress = 0;
  private readonly indexOf = new Map<string, number>();
  private total = 0;

  apply(event: PipelineEvent): RunPatch | null {
    switch (event.type) {
      case 'stage:start':
        this.total = event.total;
        this.indexOf.set(event.stage, event.index);
        this.currentStage = event.stage;
        // `index` is the stage's 1-based position among `total` stages.
        this.progress = Math.max(this.progress, event.total > 0 ? (event.index - 1) / event.total : 0);
        return { stage: event.stage, progress: this.progress, stages: recordStages(event.stages) };
      case 'stage:complete': {
        const index = this.indexOf.get(event.stage);
        if (index !== undefined && this.total > 0) this.progress = Math.max(this.progress, index / this.total);
        return { progress: this.progress, stages: recordStages(event.stages) };
      }
      case 'stage:failed':
        return { stage: event.stage, stages: recordStages(event.stages) };
      default:
        return null;
    }
  }
}
