import type { AgentFigures } from './lineView';
import { formatCount, formatUsd } from './format';

interface Metric {
  key: 'calls' | 'tokens' | 'cost';
  title: string;
  value: (a: AgentFigures) => number;
  text: (a: AgentFigures) => string;
}

const METRICS: Metric[] = [
  { key: 'calls', title: 'Calls', value: (a) => a.calls, text: (a) => `${formatCount(a.calls)}${a.errors > 0 ? ` (${a.errors} failed)` : ''}` },
  {
    key: 'tokens',
    title: 'Tokens',
    value: (a) => a.inputTokens + a.outputTokens,
    text: (a) => `${formatCount(a.inputTokens + a.outputTokens)} (${formatCount(a.inputTokens)} in, ${formatCount(a.outputTokens)} out)`,
  },
  { key: 'cost', title: 'Cost', value: (a) => a.costUsd, text: (a) => `${formatUsd(a.costUsd)}${a.unpricedCalls > 0 ? ` + ${a.unpricedCalls} unpriced` : ''}` },
];

/** Per-agent calls, tokens and cost from the line's rollups (every call counted), one bar chart each. */
export function AgentBars({ agents }: { agents: AgentFigures[] }) {
  if (agents.length === 0) return <p className="muted">No agent calls in this run.</p>;
  return (
    <div className="bar-charts" data-testid="agent-bars">
      {METRICS.map((m) => {
        const max = Math.max(...agents.map(m.value), 0);
        return (
          <figure key={m.key} className="bar-chart" aria-labelledby={`bars-${m.key}`}>
            <figcaption id={`bars-${m.key}`}>{m.title} by agent</figcaption>
            <ul>
              {agents.map((a) => (
                <li
                  key={a.agent}
                  data-testid={`agent-${m.key}-${a.agent}`}
                  data-calls={a.calls}
                  data-input-tokens={a.inputTokens}
                  data-output-tokens={a.outputTokens}
                  data-cost-usd={a.costUsd}
                >
                  <span className="bar-label">{a.agent}</span>
                  <span className="bar-track" aria-hidden>
                    <span className="bar-fill" style={{ width: `${max > 0 ? (m.value(a) / max) * 100 : 0}%` }} />
                  </span>
                  <span className="bar-value">{m.text(a)}</span>
                </li>
              ))}
            </ul>
          </figure>
        );
      })}
    </div>
  );
}
