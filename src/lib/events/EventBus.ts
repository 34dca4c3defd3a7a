import { EventEmitter } from 'node:events';
import type { AgentName, StageName, StageState, StageStatus, RunOutcome } from '@/lib/core/types';
import { errorMessage } from '@/lib/core/errorMessage';
import { processWide } from '@/lib/core/processWide';
import { operatorLog } from '@/lib/logging/operatorLog';

/** Every event the pipeline publishes, keyed by name. Each carries the run it belongs to. */
export interface PipelineEventMap {
  'pipeline:start': { runId: string; dataset: string; source: 'cli' | 'web'; at: number };
  'pipeline:complete': { runId: string; outcome: RunOutcome; tableCount: number; durationMs: number; at: number };
  'pipeline:failed': { runId: string; outcome: 'error' | 'cancelled'; error: string; stage?: string; tableCount: number; durationMs: number; at: number };
  /** Stage events carry `stages`: a snapshot of every stage of the run as it stands (the one stage model). */
  'stage:start': { runId: string; stage: StageName; index: number; total: number; stages: StageState[]; at: number };
  'stage:complete': {
    runId: string;
    stage: StageName;
    status: Extract<StageStatus, 'ok' | 'skipped'>;
    durationMs: number;
    detail?: string;
    stages: StageState[];
    at: number;
  };
  /** `cancelled`: the stage was stopped by the run's cancellation (the user's, or a sibling stage's failure), not by an error of its own. */
  'stage:failed': { runId: string; stage: StageName; error: string; cancelled: boolean; durationMs: number; stages: StageState[]; at: number };
  'agent:progress': { runId: string; agent: AgentName; task: string; status: 'start' | 'done' | 'error'; durationMs?: number; at: number };
  'cost:update': { runId: string; agent: AgentName; model: string; costUsd: number | null; totalCostUsd: number; unpriced: number; at: number };
}
export type PipelineEventName = keyof PipelineEventMap;
export type PipelineEvent = { [K in PipelineEventName]: { type: K } & PipelineEventMap[K] }[PipelineEventName];
type Listener<K extends PipelineEventName> = (payload: PipelineEventMap[K]) => void;

/** Typed, process-wide event bus. A throwing listener is isolated: it never reaches the publisher. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Publish an event; listener errors are reported on stderr and swallowed. */
  emit<K extends PipelineEventName>(name: K, payload: PipelineEventMap[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as Listener<K>)(payload);
      } catch (err) {
        operatorLog('event-bus', `listener for ${name} threw: ${errorMessage(err)}`);
      }
    }
    for (const listener of this.emitter.listeners('*')) {
      try {
        (listener as (e: PipelineEvent) => void)({ type: name, ...payload } as PipelineEvent);
      } catch (err) {
        operatorLog('event-bus', `wildcard listener threw: ${errorMessage(err)}`);
      }
    }
  }

  /** Subscribe to one event; returns the unsubscribe function. */
  on<K extends PipelineEventName>(name: K, listener: Listener<K>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Subscribe to every event, optionally only those of one run; returns the unsubscribe function. */
  onAny(listener: (event: PipelineEvent) => void, runId?: string): () => void {
    const wrapped = (e: PipelineEvent) => {
      if (runId === undefined || e.runId === runId) listener(e);
    };
    this.emitter.on('*', wrapped);
    return () => this.emitter.off('*', wrapped);
  }
}

const carrier = processWide('eventBus', () => ({}) as { eventBus?: EventBus });

/** The process-wide bus (kept on globalThis because Next.js may load this module twice). */
export function getEventBus(): EventBus {
  carrier.eventBus ??= new EventBus();
  return carrier.eventBus;
}

/** Replace the bus with a fresh one (tests). */
export function resetEventBus(): void {
  carrier.eventBus = new EventBus();
}
