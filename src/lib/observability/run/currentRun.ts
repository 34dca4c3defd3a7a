import { AsyncLocalStorage } from 'node:async_hooks';
import { processWide } from '@/lib/core/processWide';
import type { AgentInvocation } from '../agentCalls/agentInvocation';
import type { ObservedRun } from './ObservedRun';

/** What the code running inside a run can reach: the run, the stage this async branch is in, the agent invocation. */
export interface RunFrame {
  readonly run: ObservedRun;
  readonly stage?: string;
  /** The agent invocation this branch is inside (its calls are children of its invoke_agent span). */
  readonly invocation?: AgentInvocation;
}

const frames = processWide('runFrames', () => new AsyncLocalStorage<RunFrame>());

/** The run (and stage) of the calling async context, if inside one. */
export function currentRun(): RunFrame | undefined {
  return frames.getStore();
}

/** Run `fn` with `frame` as the current run frame. */
export function inFrame<T>(frame: RunFrame, fn: () => T): T {
  return frames.run(frame, fn);
}
