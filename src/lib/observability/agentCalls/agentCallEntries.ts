import type { AgentCallEntry } from '../line/canonicalSchema';
import { isoTime } from '../line/time';

/** Per-call records kept in the canonical line; beyond this only the rollups grow. */
export const MAX_AGENT_CALL_ENTRIES = 100;

/** A kept call as recorded: the line's entry with its start still in epoch ms. */
export type KeptCall = Omit<AgentCallEntry, 'startedAt' | 'stage' | 'errorType'> & {
  startTime: number;
  stage?: string;
  errorType?: string;
};

/**
 * The capped list of a run's first calls, as the line shows them. A call's start is formatted when the line is built,
 * not when the call is recorded: Date#toISOString would be the slowest step of recording one of the first calls.
 */
export class AgentCallEntries {
  private readonly kept: KeptCall[] = [];

  /** Whether another call would still be kept. */
  get full(): boolean {
    return this.kept.length >= MAX_AGENT_CALL_ENTRIES;
  }

  /** Keep `call` (its strings already cut to their limits), unless the list is full. */
  add(call: KeptCall): void {
    if (!this.full) this.kept.push(call);
  }

  /** The kept calls as the line's entries, in the order they were recorded. */
  list(): AgentCallEntry[] {
    return this.kept.map(({ startTime, stage, errorType, ...fields }) => {
      const entry: AgentCallEntry = { ...fields, startedAt: isoTime(startTime) };
      if (stage !== undefined) entry.stage = stage;
      if (errorType !== undefined) entry.errorType = errorType;
      return entry;
    });
  }
}
