import type { LineView } from './lineView';
import type { Waterfall } from './waterfallTypes';
import { WaterfallChart } from './WaterfallChart';
import { AgentBars } from './AgentBars';
import { TotalsGrid } from './TotalsGrid';
import { WarningsPanel } from './WarningsPanel';
import { formatCount } from './format';

/** The timeline card: the line's waterfall once finished, the live one before. */
export function TimelineCard({ waterfall, line }: { waterfall: Waterfall; line: LineView | null }) {
  const capped = line !== null && line.calls.kept < line.calls.total;
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {waterfall.estimated && <p className="hint">This run did not record when each stage started: stages are shown end to end.</p>}
      {capped && (
        <p className="hint" data-testid="calls-capped">
          The line keeps {formatCount(line.calls.kept)} of {formatCount(line.calls.total)} agent calls; the figures per agent count every call.
        </p>
      )}
      <WaterfallChart waterfall={waterfall} />
    </section>
  );
}

/** Totals, warnings and per-agent figures of a finished run, from its canonical line. */
export function LineFigures({ line }: { line: LineView }) {
  return (
    <>
      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <TotalsGrid line={line} />
      </section>
      {line.warnings && line.warnings.count > 0 && <WarningsPanel warnings={line.warnings} />}
    </>
  );
}

/** Per-agent calls, tokens and cost. */
export function AgentsCard({ line }: { line: LineView }) {
  return (
    <section className="card" aria-labelledby="agents-heading">
      <h2 id="agents-heading">Agents</h2>
      <AgentBars agents={line.agents} />
    </section>
  );
}
