import type { StageState, StageStatus } from '@/lib/core/types';
import type { StageRecord } from '../line/canonicalSchema';

/** Facts of a stage's end besides its status. */
export interface StageEnd {
  error?: string;
  reason?: string;
  detail?: string;
}

/**
 * The stages of one run, in the order they started: the one stage model of the run. Stages are started (running) and
 * ended by the run handle, or recorded whole (the plan's WideEvent.recordStage); every view (the line, the run summary,
 * the web record, progress events) reads snapshots of it. Times are offsets from the run's start.
 */
export class StageLedger {
  private readonly states: StageState[] = [];

  constructor(private readonly maxStages: number) {}

  /** How many stages are recorded (running or ended). */
  get size(): number {
    return this.states.length;
  }

  /** A stage begins at `offsetMs`. False when the ledger is full. */
  start(name: string, offsetMs: number): boolean {
    if (this.states.length >= this.maxStages) return false;
    this.states.push({ name, status: 'running', startOffsetMs: offsetMs });
    return true;
  }

  /**
   * A stage ends with `status` at `offsetMs` (its duration is measured from its start), or, when it was never started
   * here, is recorded whole with `durationMs`. False when the ledger is full.
   */
  end(name: string, status: StageStatus, offsetMs: number, durationMs: number | undefined, facts: StageEnd = {}): boolean {
    let state = this.runningState(name);
    if (!state) {
      if (this.states.length >= this.maxStages) return false;
      const duration = durationMs ?? 0;
      state = { name, status, startOffsetMs: Math.max(0, offsetMs - duration) };
      this.states.push(state);
    }
    const duration = durationMs ?? Math.max(0, offsetMs - state.startOffsetMs);
    state.status = status;
    state.durationMs = duration;
    state.endOffsetMs = state.startOffsetMs + duration;
    if (facts.error !== undefined) state.error = facts.error;
    if (facts.reason !== undefined) state.reason = facts.reason;
    if (facts.detail !== undefined) state.detail = facts.detail;
    return true;
  }

  /** Names of the stages still running. */
  running(): string[] {
    return this.states.filter((s) => s.status === 'running').map((s) => s.name);
  }

  /** A copy of every stage, running ones included. */
  snapshot(): StageState[] {
    return this.states.map((s) => ({ ...s }));
  }

  /** The ended stages as the canonical line records them. */
  records(): StageRecord[] {
    const out: StageRecord[] = [];
    for (const s of this.states) {
      if (s.status === 'running') continue;
      const record: StageRecord = { name: s.name, status: s.status, startOffsetMs: s.startOffsetMs, durationMs: s.durationMs ?? 0 };
      if (s.error !== undefined) record.error = s.error;
      if (s.reason !== undefined) record.reason = s.reason;
      out.push(record);
    }
    return out;
  }

  /** The first stage, in order of ending, with this status. */
  firstEndedWith(status: StageStatus): string | undefined {
    let best: StageState | undefined;
    for (const s of this.states) if (s.status === status && (best === undefined || (s.endOffsetMs ?? 0) < (best.endOffsetMs ?? 0))) best = s;
    return best?.name;
  }

  private runningState(name: string): StageState | undefined {
    for (let i = this.states.length - 1; i >= 0; i -= 1) {
      const s = this.states[i]!;
      if (s.name === name && s.status === 'running') return s;
    }
    return undefined;
  }
}
