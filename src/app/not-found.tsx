import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

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
