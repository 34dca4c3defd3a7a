import type { Ref } from 'react';

/** A run's error as the panel shows it: the record's summary, or the line's error with its causes. */
export interface ErrorInfo {
  type: string;
  message: string;
  stage?: string | null;
  causes?: Array<{ type: string; message: string }>;
}

/** The error that ended the run, in its stage, with its cause chain (outermost first). */
export function ErrorPanel({ error, headingRef }: { error: ErrorInfo; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <section className="card alert error" data-testid="error-summary" aria-labelledby="error-heading">
      <h2 id="error-heading" tabIndex={-1} ref={headingRef}>
        The run failed
      </h2>
      <p>
        <strong>{error.type}</strong>
        {error.stage && (
          <>
            {' '}
            in stage <code>{error.stage}</code>
          </>
        )}
        : {error.message}
      </p>
      {error.causes && error.causes.length > 0 && (
        <>
          <p className="small">Caused by:</p>
          <ol className="causes" data-testid="error-causes">
            {error.causes.map((c, i) => (
              <li key={i}>
                <strong>{c.type}</strong>: {c.message}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
