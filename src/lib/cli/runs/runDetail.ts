import type { CanonicalLine } from '@/lib/observability/line';
import type { ReadRun } from './parseRunLine';
import { formatCost, formatCount, formatLocalTime, formatMs } from './runFormat';
import { textTable } from './textTable';
import { renderWaterfall } from './waterfall';

/** Warnings listed in full by `show`; the rest are counted. */
export const SHOWN_WARNINGS = 5;

function header(run: ReadRun): string[] {
  const { line } = run;
  const who = [line.orgId ? `org ${line.orgId}` : undefined, line.userId ? `user ${line.userId}` : undefined].filter(Boolean).join(', ');
  const lines = [
    `run ${line.pipelineId}  ${line.dataset}  ${line.outcome}`,
    `  started ${formatLocalTime(line.startedAt)} (${line.startedAt}), ${line.source}${who ? `, ${who}` : ''}, took ${formatMs(line.durationMs)}`,
  ];
  if (line.traceId) lines.push(`  trace ${line.traceId}${line.requestTraceId ? `, requested in trace ${line.requestTraceId}` : ''}`);
  lines.push(`  read from ${run.origin} (schema ${run.schemaVersion})`);
  if (line.fallback) lines.push(`  minimal line: ${line.fallback.reason}`);
  return lines;
}

function agents(line: CanonicalLine): string[] {
  const entries = Object.entries(line.agents);
  if (entries.length === 0) return ['agents: no calls'];
  const rows = entries.map(([agent, a]) => [
    agent,
    formatCount(a.calls),
    formatCount(a.errors),
    formatCount(a.inputTokens),
    formatCount(a.outputTokens),
    formatCost(a.costUsd, a.unpricedCalls === 0),
    formatMs(a.durationMs),
    a.models,
  ]);
  return [
    'agents',
    ...textTable(
      [['agent', 'calls', 'errors', 'input', 'output', 'cost', 'time', 'models'], ...rows],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ).map((l) => `  ${l}`),
  ];
}

function totals(line: CanonicalLine): string[] {
  const t = line.totals;
  const lines = [
    'totals',
    `  stages ${t.stages}, agent calls ${formatCount(t.agentCalls)}, tables ${formatCount(t.tableCount)}`,
    `  tokens ${formatCount(t.totalTokens)}: input ${formatCount(t.inputTokens)} (cached ${formatCount(t.cachedInputTokens)}), output ${formatCount(t.outputTokens)} (reasoning ${formatCount(t.reasoningTokens)})`,
    `  cost ${formatCost(t.costUsd, t.costComplete)}${t.unpricedCalls > 0 ? ` (${formatCount(t.unpricedCalls)} calls without a known price are not in it)` : ''}`,
    `  time ${formatMs(t.durationMs)}, in agent calls ${formatMs(t.agentDurationMs)}`,
  ];
  if (t.tokenAnomalies > 0) lines.push(`  ${formatCount(t.tokenAnomalies)} calls reported inconsistent token counts (clamped)`);
  if (line.agentCallsTruncated)
    lines.push(
      `  the line keeps ${formatCount(line.agentCallsTruncated.kept)} of ${formatCount(line.agentCallsTruncated.total)} agent calls (rollups and totals count all)`,
    );
  if (line.agentSpansTruncated)
    lines.push(`  ${formatCount(line.agentSpansTruncated.kept)} of ${formatCount(line.agentSpansTruncated.total)} agent calls got a span`);
  for (const [field, why] of Object.entries(line.truncated ?? {})) lines.push(`  truncated ${field}: ${why}`);
  return lines;
}

function warnings(line: CanonicalLine): string[] {
  const w = line.warnings;
  if (!w || w.count === 0) return [];
  const by = Object.entries(w.byClassification)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const lines = [`warnings: ${w.count} (${by})${w.dropped > 0 ? `; ${w.dropped} dropped part of what was asked for or skipped a stage` : ''}`];
  for (const item of w.first.slice(0, SHOWN_WARNINGS))
    lines.push(`  ! [${item.classification}, ${item.action}]${item.stage ? ` ${item.stage}:` : ''} ${item.message}`);
  const more = w.count - Math.min(w.first.length, SHOWN_WARNINGS);
  if (more > 0) lines.push(`  … ${more} more (all of them are in the run folder's errors.ndjson)`);
  return lines;
}

function failure(line: CanonicalLine): string[] {
  const e = line.error;
  if (!e) return [];
  const lines = ['error', `  ${e.type}: ${e.message}${e.stage ? ` (stage ${e.stage})` : ''}`];
  (e.causes ?? []).forEach((c, i) => lines.push(`  ${'  '.repeat(i)}caused by ${c.type}: ${c.message}`));
  return lines;
}

/** Everything `show` prints about one run: header, waterfall, per-agent rollups, totals, warnings and the error. */
export function renderRunDetail(run: ReadRun, columns: number): string[] {
  const sections = [
    header(run),
    ['stages', ...renderWaterfall(run.line, columns - 2, run.offsetsEstimated ? run.schemaVersion : undefined).map((l) => `  ${l}`)],
    agents(run.line),
    totals(run.line),
    warnings(run.line),
    failure(run.line),
  ].filter((s) => s.length > 0);
  return sections.flatMap((s, i) => (i === 0 ? s : ['', ...s]));
}
