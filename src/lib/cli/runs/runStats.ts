import { STAGE_NAMES } from '@/lib/core/types';
import type { ReadRun } from './parseRunLine';
import { percentile } from './percentile';
import { formatCost, formatCount, formatMs } from './runFormat';
import { textTable } from './textTable';
import { maxOf } from '@/lib/core/maxOf';

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

/** Stage names in run order: the known stages first, others as they appear. */
function stageOrder(runs: readonly ReadRun[]): string[] {
  const seen = new Set<string>();
  for (const { line } of runs) for (const s of line.stages) seen.add(s.name);
  const known = STAGE_NAMES.filter((n) => seen.has(n));
  return [...known, ...[...seen].filter((n) => !(known as string[]).includes(n))];
}

/** Per-stage duration percentiles (p50/p90/max), per-agent and overall token and cost totals of the runs. */
export function runStats(runs: readonly ReadRun[]): RunStats {
  const byOutcome: Record<string, number> = {};
  const agents = new Map<string, AgentStats>();
  const totals = { agentCalls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, costUsd: 0, unpricedCalls: 0, tables: 0, warnings: 0 };
  for (const { line } of runs) {
    byOutcome[line.outcome] = (byOutcome[line.outcome] ?? 0) + 1;
    totals.agentCalls += line.totals.agentCalls;
    totals.inputTokens += line.totals.inputTokens;
    totals.outputTokens += line.totals.outputTokens;
    totals.totalTokens += line.totals.totalTokens;
    totals.costUsd += line.totals.costUsd;
    totals.unpricedCalls += line.totals.unpricedCalls;
    totals.tables += line.totals.tableCount;
    totals.warnings += line.warnings?.count ?? 0;
    for (const [agent, a] of Object.entries(line.agents)) {
      const sum = agents.get(agent) ?? { agent, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0 };
      sum.calls += a.calls;
      sum.errors += a.errors;
      sum.inputTokens += a.inputTokens;
      sum.outputTokens += a.outputTokens;
      sum.costUsd += a.costUsd;
      sum.unpricedCalls += a.unpricedCalls;
      agents.set(agent, sum);
    }
  }
  const stages = stageOrder(runs).map((name) => {
    const records = runs.flatMap(({ line }) => line.stages.filter((s) => s.name === name));
    const ran = records.filter((s) => s.status === 'ok' || s.status === 'error');
    return {
      name,
      ran: ran.length,
      skipped: records.filter((s) => s.status === 'skipped').length,
      cancelled: records.filter((s) => s.status === 'cancelled').length,
      ...spread(ran.map((s) => s.durationMs)),
    };
  });
  return { runs: runs.length, byOutcome, run: spread(runs.map((r) => r.line.durationMs)), stages, agents: [...agents.values()], totals };
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
