import { NextResponse, type NextRequest } from 'next/server';
import { pageContentSecurityPolicy } from '@/lib/security/pageContentSecurityPolicy';
import { newNonce } from '@/lib/security/newNonce';

const CSP = 'Content-Security-Policy';

/**
 * Next.js proxy: the Content-Security-Policy of every page, with a fresh nonce. It is also set on the request, where
 * Next.js reads the nonce and puts it on its own scripts (which is why every page renders per request). The headers
 * that do not change per request, and the API's policy, come from next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy({
    nonce: newNonce(),
    // Literal reads: Next inlines them at build time, so the policy names the DSN the browser bundle was built with.
    browserDsn: process.env.NEXT_PUBLIC_SENTRY_DSN,
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(CSP, policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(CSP, policy);
  return response;
}

/**
 * Every path but the API's (Next.js would buffer, and cut at 10 MB, the body of every request a proxy sees: uploads)
 * and the build's static files (hashed, immutable, not documents).
 */
export const config = {
  matcher: ['/((?!api/|api$|_next/static/|_next/image|favicon\\.ico$).*)'],
};
