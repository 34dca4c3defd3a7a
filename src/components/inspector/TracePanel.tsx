import type { LineView } from './lineView';
import { sentryTraceUrl } from './sentryTraceUrl';

/** The run's trace id (linked to Sentry's trace view when the organisation's URL is set) and its canonical line to read and download. */
export function TracePanel({ line, sentryOrgUrl, downloadUrl }: { line: LineView; sentryOrgUrl: string | null; downloadUrl: string | null }) {
  const traceUrl = sentryTraceUrl(sentryOrgUrl, line.traceId);
  const requestUrl = sentryTraceUrl(sentryOrgUrl, line.requestTraceId);
  return (
    <section className="card" aria-labelledby="line-heading">
      <h2 id="line-heading">Trace and canonical line</h2>
      <dl className="trace-ids">
        <div>
          <dt>Trace id</dt>
          <dd>
            {line.traceId ? <code data-testid="trace-id">{line.traceId}</code> : <span className="muted">none (tracing was off)</span>}
            {traceUrl && (
              <>
                {' '}
                <a href={traceUrl} data-testid="trace-link" target="_blank" rel="noreferrer">
                  Open the trace in Sentry<span className="sr-only"> (opens in a new tab)</span>
                </a>
              </>
            )}
          </dd>
        </div>
        {line.requestTraceId && (
          <div>
            <dt>Upload request&apos;s trace</dt>
            <dd>
              <code>{line.requestTraceId}</code>
              {requestUrl && (
                <>
                  {' '}
                  <a href={requestUrl} target="_blank" rel="noreferrer">
                    Open in Sentry<span className="sr-only"> (opens in a new tab)</span>
                  </a>
                </>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>Schema</dt>
          <dd>
            version {line.schemaVersion} · source {line.source}
          </dd>
        </div>
      </dl>
      {downloadUrl && (
        <p>
          <a className="button" href={downloadUrl} download data-testid="download-line">
            Download the canonical line
          </a>
        </p>
      )}
      <details>
        <summary>Show the canonical line</summary>
        <pre className="line-json" tabIndex={0} role="region" aria-label="Canonical line (JSON)" data-testid="canonical-line">
          {line.pretty}
        </pre>
      </details>
    </section>
  );
}
