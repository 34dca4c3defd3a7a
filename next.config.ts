import type { NextConfig } from 'next';
import { withSentryConfig } from '@sentry/nextjs/config';

const nextConfig: NextConfig = {
  // Native and Node-only packages are loaded by Node at runtime instead of being bundled.
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'sav-reader', 'js-tiktoken'],
  poweredByHeader: false,
};

export default withSentryConfig(nextConfig, {
  telemetry: false,
  silent: true,
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
});
