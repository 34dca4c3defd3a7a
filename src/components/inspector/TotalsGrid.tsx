import type { LineView } from './lineView';
import { formatCount, formatMs, formatUsd } from './format';

/** The run's totals from its line: duration, stages, calls, tokens, cost, tables. */
export function TotalsGrid({ line }: { line: LineView }) {
  const t = line.totals;
  const n = (key: string) => (typeof t[key] === 'number' ? (t[key] as number) : 0);
  const unpriced = n('unpricedCalls');
  const items: Array<[string, string, string]> = [
    ['duration', 'Duration', formatMs(line.durationMs)],
    ['stages', 'Stages', formatCount(n('stages'))],
    ['agentCalls', 'Agent calls', formatCount(n('agentCalls'))],
    ['inputTokens', 'Input tokens', formatCount(n('inputTokens'))],
    ['outputTokens', 'Output tokens', formatCount(n('outputTokens'))],
    ['totalTokens', 'Total tokens', formatCount(n('totalTokens'))],
    ['costUsd', 'Cost', `${formatUsd(n('costUsd'))}${unpriced > 0 ? ` (+ ${unpriced} unpriced call${unpriced === 1 ? '' : 's'})` : ''}`],
    ['agentDurationMs', 'Time in agents', formatMs(n('agentDurationMs'))],
    ['tableCount', 'Tables', formatCount(n('tableCount'))],
  ];
  return (
    <dl className="totals" data-testid="totals">
      {items.map(([key, label, value]) => (
        <div key={key} data-testid={`total-${key}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
