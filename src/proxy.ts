import { NextResponse, type NextRequest } from 'next/server';
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from '@/lib/security/contentSecurityPolicy';
import { newNonce } from '@/lib/security/newNonce';

const CSP = 'Content-Security-Policy';

/** True for the API's routes (`/api` and below). */
function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * Next.js proxy: the Content-Security-Policy of every page and API response. A page's policy has a fresh nonce and is
 * also set on the request, where Next.js reads the nonce and puts it on its own scripts (which is why every page renders
 * per request). The headers that do not change per request come from next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  if (isApiPath(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set(CSP, API_CONTENT_SECURITY_POLICY);
    return response;
  }
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

/** Every path but the build's static files (hashed, immutable, not documents). */
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
