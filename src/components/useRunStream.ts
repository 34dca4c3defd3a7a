'use client';

import { useEffect, useState } from 'react';
import type { RunJson } from '@/lib/webRuns/runJson';

/** One agent call event as the activity list shows it. */
export interface AgentActivity {
  agent: string;
  task: string;
  status: string;
  at: number;
}

const MAX_ACTIVITY = 6;

/** Follow a run over server-sent events until it finishes: the run record, the latest agent calls, calls done, and whether the stream is open. */
export function useRunStream(initial: RunJson) {
  const [run, setRun] = useState(initial);
  const [activity, setActivity] = useState<AgentActivity[]>([]);
  const [agentCalls, setAgentCalls] = useState(0);
  const [live, setLive] = useState(false);

  useEffect(() => {
    if (initial.finished) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(initial.id)}/events`);
    source.onopen = () => setLive(true);
    source.addEventListener('run', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as RunJson;
      setRun(next);
      if (next.finished) {
        source.close();
        setLive(false);
      }
    });
    source.addEventListener('pipeline', (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as { type: string; agent?: string; task?: string; status?: string; at: number };
      if (event.type !== 'agent:progress' || !event.agent) return;
      if (event.status === 'done') setAgentCalls((n) => n + 1);
      const item = { agent: event.agent, task: event.task ?? '', status: event.status ?? '', at: event.at };
      setActivity((list) => [item, ...list].slice(0, MAX_ACTIVITY));
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [initial.id, initial.finished]);

  return { run, setRun, activity, agentCalls, live };
}
