import type { LineView } from './lineView';

/** The run's warnings from its line: counts by classification, how many dropped part of the request, the first few. */
export function WarningsPanel({ warnings }: { warnings: NonNullable<LineView['warnings']> }) {
  return (
    <section className="card" aria-labelledby="warnings-heading" data-testid="warnings">
      <h2 id="warnings-heading">
        {warnings.count} warning{warnings.count === 1 ? '' : 's'}
      </h2>
      <p className="small">
        {warnings.byClassification.map(([k, v]) => (
          <span key={k} className="chip">
            {k}: {v}
          </span>
        ))}
      </p>
      {warnings.dropped > 0 && (
        <p className="alert notice">
          {warnings.dropped} of them dropped part of what was asked for (a banner column or group, a base filter or a table): the run is partial.
        </p>
      )}
      <ul className="warnings">
        {warnings.first.map((w, i) => (
          <li key={i} data-testid="warning">
            <span className="muted small">
              {w.classification} · {w.action}
              {w.stage && <> · {w.stage}</>}
            </span>
            <br />
            {w.message}
          </li>
        ))}
      </ul>
      {warnings.first.length < warnings.count && (
        <p className="hint">
          The line keeps the first {warnings.first.length} of {warnings.count}; the run&apos;s errors.ndjson has every one.
        </p>
      )}
    </section>
  );
}
