import type { NextConfig } from 'next';
import { withSentryConfig } from '@sentry/nextjs/config';
import { SECURITY_HEADER_RULES } from './src/lib/security/securityHeaders';

const nextConfig: NextConfig = {
  // Native and Node-only packages are loaded by Node at runtime instead of being bundled.
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'sav-reader', 'js-tiktoken', 'pg', 'kysely', 'bullmq', 'ioredis'],
  poweredByHeader: false,
  // Security headers on every response (static files included) and the API's policy; pages get theirs from src/proxy.ts.
  headers: async () => SECURITY_HEADER_RULES,
};

export default withSentryConfig(nextConfig, {
  telemetry: false,
  silent: true,
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
});
