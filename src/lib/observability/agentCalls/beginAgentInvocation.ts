import { currentRun } from '../run/currentRun';

/** One agent invocation as the model layer sees it: run its work inside, then end it. */
export interface InvocationHandle {
  run<T>(fn: () => T): T;
  end(status: 'ok' | 'error'): void;
}

const OUTSIDE_A_RUN: InvocationHandle = { run: (fn) => fn(), end: () => undefined };

/**
 * Begin one invocation of `agent` for `task` (what the agent does for one unit of its work) in the current run and
 * stage: the model layer wraps each agent request in one, so that agents need no code of their own for it. A no-op
 * outside a run. Never throws.
 */
export function beginAgentInvocation(agent: string, task: string, model?: string): InvocationHandle {
  const frame = currentRun();
  if (!frame) return OUTSIDE_A_RUN;
  const invocation = frame.run.invoke(frame.stage, agent, task, model);
  return {
    run: (fn) => frame.run.inInvocation(frame.stage, invocation, fn),
    end: (status) => invocation.end(status),
  };
}
