import { maxOf } from '@/lib/core/maxOf';
import { STAGE_NAMES } from '@/lib/core/types';
import { percentile } from './percentile';
import { formatCost, formatCount, formatMs } from './runFormat';
import type { RunSummary } from './runSummary';
import { textTable } from './textTable';

/** Duration percentiles of one stage over the runs it ran in (status ok or error). */
export interface StageStats {
  name: string;
  ran: number;
  skipped: number;
  cancelled: number;
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
}

/** Calls, tokens and cost of one agent over the selected runs. */
export interface AgentStats {
  agent: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpricedCalls: number;
}

/** What `stats` reports over the selected runs. */
export interface RunStats {
  runs: number;
  byOutcome: Record<string, number>;
  /** Whole-run duration percentiles. */
  run: { p50Ms: number; p90Ms: number; maxMs: number };
  stages: StageStats[];
  agents: AgentStats[];
  totals: {
    agentCalls: number;
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    costUsd: number;
    unpricedCalls: number;
    tables: number;
    warnings: number;
  };
}

function spread(values: readonly number[]): { p50Ms: number; p90Ms: number; maxMs: number } {
  return { p50Ms: percentile(values, 50), p90Ms: percentile(values, 90), maxMs: maxOf(values, 0) };
}

const KNOWN_STAGES: ReadonlySet<string> = new Set(STAGE_NAMES);

/** Every stage record of the runs grouped by name (one pass), in run order: the known stages first, others as they appear. */
function stagesByName(runs: readonly RunSummary[]): StageStats[] {
  const byName = new Map<string, { ran: number[]; skipped: number; cancelled: number }>();
  for (const run of runs)
    for (const s of run.stages) {
      let group = byName.get(s.name);
      if (!group) byName.set(s.name, (group = { ran: [], skipped: 0, cancelled: 0 }));
      if (s.status === 'skipped') group.skipped += 1;
      else if (s.status === 'cancelled') group.cancelled += 1;
      else group.ran.push(s.durationMs);
    }
  const names = [...STAGE_NAMES.filter((n) => byName.has(n)), ...[...byName.keys()].filter((n) => !KNOWN_STAGES.has(n))];
  return names.map((name) => {
    const { ran, skipped, cancelled } = byName.get(name)!;
    return { name, ran: ran.length, skipped, cancelled, ...spread(ran) };
  });
}

/** Per-stage duration percentiles (p50/p90/max), per-agent and overall token and cost totals of the runs; linear in their stages. */
export function runStats(runs: readonly RunSummary[]): RunStats {
  const byOutcome: Record<string, number> = {};
  const agents = new Map<string, AgentStats>();
  const totals = { agentCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, costUsd: 0, unpricedCalls: 0, tables: 0, warnings: 0 };
  for (const { row, unpricedCalls, agents: rollups } of runs) {
    byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + 1;
    totals.agentCalls += row.agentCalls;
    totals.inputTokens += row.inputTokens;
    totals.outputTokens += row.outputTokens;
    totals.totalTokens += row.totalTokens;
    totals.costUsd += row.costUsd;
    totals.unpricedCalls += unpricedCalls;
    totals.tables += row.tables;
    totals.warnings += row.warnings ?? 0;
    for (const a of rollups) {
      const sum = agents.get(a.agent) ?? { agent: a.agent, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 };
      sum.calls += a.calls;
      sum.errors += a.errors;
      sum.inputTokens += a.inputTokens;
      sum.outputTokens += a.outputTokens;
      sum.costUsd += a.costUsd;
      sum.unpricedCalls += a.unpricedCalls;
      agents.set(a.agent, sum);
    }
  }
  return { runs: runs.length, byOutcome, run: spread(runs.map((r) => r.row.durationMs)), stages: stagesByName(runs), agents: [...agents.values()], totals };
}

/** The stats as text: a per-stage percentile table (the whole run last), a per-agent table and the totals. */
export function renderRunStats(stats: RunStats): string[] {
  const outcomes = Object.entries(stats.byOutcome)
    .map(([o, n]) => `${n} ${o}`)
    .join(', ');
  const stageRows = stats.stages.map((s) => [
    s.name,
    formatCount(s.ran),
    formatCount(s.skipped),
    formatCount(s.cancelled),
    formatMs(s.p50Ms),
    formatMs(s.p90Ms),
    formatMs(s.maxMs),
  ]);
  const runRow = ['(whole run)', formatCount(stats.runs), '', '', formatMs(stats.run.p50Ms), formatMs(stats.run.p90Ms), formatMs(stats.run.maxMs)];
  const agentRows = stats.agents.map((a) => [
    a.agent,
    formatCount(a.calls),
    formatCount(a.errors),
    formatCount(a.inputTokens),
    formatCount(a.outputTokens),
    formatCost(a.costUsd, a.unpricedCalls === 0),
  ]);
  const t = stats.totals;
  return [
    `${stats.runs} run${stats.runs === 1 ? '' : 's'} (${outcomes})`,
    '',
    ...textTable(
      [['stage', 'ran', 'skipped', 'cancelled', 'p50', 'p90', 'max'], ...stageRows, runRow],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    ...(agentRows.length
      ? [...textTable([['agent', 'calls', 'errors', 'input', 'output', 'cost'], ...agentRows], ['left', 'right', 'right', 'right', 'right', 'right']), '']
      : []),
    `totals: ${formatCount(t.agentCalls)} agent calls, ${formatCount(t.totalTokens)} tokens (input ${formatCount(t.inputTokens)}, output ${formatCount(t.outputTokens)}), cost ${formatCost(t.costUsd, t.unpricedCalls === 0)}, ${formatCount(t.tables)} tables, ${formatCount(t.warnings)} warnings`,
    ...(t.unpricedCalls > 0 ? [`* ${formatCount(t.unpricedCalls)} calls had no known price and are not in the cost`] : []),
  ];
}
