import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security/contentSecurityPolicy';
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

  it.each(['/api', '/api/runs', '/api/runs/x/events', '/api/runs/x/workbook'])('answers %s with the API policy and leaves its request alone', (path) => {
    const response = proxy(new NextRequest(`http://localhost${path}`));
    expect(response.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
    expect(response.headers.get(REQUEST_CSP)).toBeNull();
  });

  it('treats a page whose name starts with "api" as a page', () => {
    const response = proxy(new NextRequest('http://localhost/apiary'));
    expect(nonceOf(response.headers.get('content-security-policy'))).toMatch(/^'nonce-/);
  });
});
