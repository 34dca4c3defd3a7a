import { API_CONTENT_SECURITY_POLICY } from './apiContentSecurityPolicy';

/**
 * Headers every response carries, whatever it is (page, API, static file, 404): no MIME sniffing, no framing
 * (X-Frame-Options for browsers that predate CSP's frame-ancestors), and only the origin, never the path, in the
 * Referer sent to other sites. `no-referrer` is not used: it makes same-origin POSTs send `Origin: null`, which the
 * API's cross-origin write check rejects.
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

/**
 * The header rules of next.config.ts: the headers above on every path, and the API's fixed policy on /api. Pages get
 * theirs, with a nonce, from src/proxy.ts, which does not run on /api: with a proxy in the way Next.js buffers request
 * bodies and cuts them at 10 MB, which would break uploads.
 */
export const SECURITY_HEADER_RULES = [
  { source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] },
  { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
];
