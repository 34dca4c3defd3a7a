import Link from 'next/link';

/** 404 page (also shown for another org's run). */
export default function NotFound() {
  return (
    <div className="narrow">
      <h1>Not found</h1>
      <p className="muted" data-testid="not-found">
        There is nothing here, or it belongs to another organisation.
      </p>
      <Link href="/runs">Back to runs</Link>
    </div>
  );
}
