import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config, proxy } from '@/proxy';
import { parsePolicy } from '../support/parsePolicy';

/** How NextResponse.next() hands a rewritten request header on to the page render. */
const REQUEST_CSP = 'x-middleware-request-content-security-policy';

/** The one nonce of a policy's script-src. */
function nonceOf(header: string | null): string {
  const nonces = (parsePolicy(header ?? '').get('script-src') ?? []).filter((s) => s.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  return nonces[0]!;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('proxy', () => {
  it('gives each page request a fresh nonce, in the response policy and in the request policy Next.js renders with', () => {
    const first = proxy(new NextRequest('http://localhost/runs'));
    const second = proxy(new NextRequest('http://localhost/runs'));
    for (const response of [first, second]) {
      expect(response.headers.get(REQUEST_CSP)).toBe(response.headers.get('content-security-policy'));
      expect(response.headers.get('x-middleware-override-headers')).toContain('content-security-policy');
    }
    expect(nonceOf(first.headers.get('content-security-policy'))).not.toBe(nonceOf(second.headers.get('content-security-policy')));
  });

  it("names the browser DSN's origin in connect-src, and only the app without one", () => {
    vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', 'https://key@o9.ingest.sentry.io/42');
    const withDsn = parsePolicy(proxy(new NextRequest('http://localhost/')).headers.get('content-security-policy')!);
    expect(withDsn.get('connect-src')).toEqual(["'self'", 'https://o9.ingest.sentry.io']);
    vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', 'http://key@bad;host/1');
    const malformed = parsePolicy(proxy(new NextRequest('http://localhost/')).headers.get('content-security-policy')!);
    expect(malformed.get('connect-src')).toEqual(["'self'"]);
  });

  it.each(['/', '/runs', '/runs/20250601-140312-abc123', '/signin', '/no-such-page', '/apiary', '/api-docs'])('runs on the page %s', (path) => {
    expect(unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` })).toBe(true);
  });

  // Next.js buffers the body of every request the proxy sees and cuts it at 10 MB: uploads must never go through it.
  it.each(['/api', '/api/process-crosstab', '/api/runs/x/events', '/api/runs/x/workbook', '/_next/static/chunks/app.js', '/favicon.ico'])(
    'never runs on %s',
    (path) => {
      expect(unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` })).toBe(false);
    },
  );
});
