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
