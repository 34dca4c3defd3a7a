import type { NextConfig } from 'next';
import { withSentryConfig } from '@sentry/nextjs/config';
import { STATIC_SECURITY_HEADERS } from './src/lib/security/securityHeaders';

const nextConfig: NextConfig = {
  // Native and Node-only packages are loaded by Node at runtime instead of being bundled.
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'sav-reader', 'js-tiktoken'],
  poweredByHeader: false,
  // On every response, static files included; the Content-Security-Policy is set per request by src/proxy.ts.
  headers: async () => [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }],
};

export default withSentryConfig(nextConfig, {
  telemetry: false,
  silent: true,
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
});
