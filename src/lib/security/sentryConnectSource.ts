import { isSentryDsn } from '@/lib/settings/observabilitySettings';

/** An http(s) origin whose host is a CSP host-source (letters, digits, hyphens, dots) and an optional port. */
const CSP_SAFE_ORIGIN = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

/**
 * The origin the browser Sentry SDK sends envelopes to, as a CSP `connect-src` source: the DSN's origin when the DSN
 * is one the browser SDK accepts (the same check its settings make), otherwise undefined. An origin that cannot be
 * written as a CSP source (an IPv6 literal, or a host with characters such as `;` that would end the directive) is
 * left out rather than written, so a bad DSN can only switch the browser's reports off, never change the policy.
 */
export function sentryConnectSource(dsn: string | undefined): string | undefined {
  const text = dsn?.trim();
  if (!text || !isSentryDsn(text)) return undefined;
  const origin = new URL(text).origin;
  return CSP_SAFE_ORIGIN.test(origin) ? origin : undefined;
}
