import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getPageAuth } from '@/lib/auth/pageAuth';
import './globals.css';
import './inspector.css';
import './runs-table.css';

export const metadata: Metadata = {
  title: { default: 'CrossTab', template: '%s · CrossTab' },
  description: 'Survey data (.sav) to crosstab tables and an Excel workbook.',
};

/** App shell: a skip link, the top bar with navigation and the signed-in user, and the page's main content. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const auth = await getPageAuth();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <header className="topbar">
          <Link href="/" className="brand">
            CrossTab
          </Link>
          {auth && (
            <nav aria-label="Main">
              <Link href="/">New run</Link>
              <Link href="/runs">Runs</Link>
            </nav>
          )}
          <div className="who">
            {auth ? (
              <>
                <span data-testid="who">
                  {auth.email} · <strong>{auth.orgId}</strong>
                  {auth.via === 'bypass' && <span className="pill">dev bypass</span>}
                </span>
                {auth.via !== 'bypass' && (
                  <form action="/api/auth/signout" method="post">
                    <button type="submit" className="link">
                      Sign out
                    </button>
                  </form>
                )}
              </>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
