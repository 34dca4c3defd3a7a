import { describe, expect, it } from 'vitest';
import { unstable_getResponseFromNextConfig } from 'next/experimental/testing/server';
import nextConfig from '../../next.config';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security/apiContentSecurityPolicy';
import { pageContentSecurityPolicy } from '@/lib/security/pageContentSecurityPolicy';
import { newNonce } from '@/lib/security/newNonce';
import { parsePolicy } from '../support/parsePolicy';

const NONCE = 'bm9uY2Utb2YtdGhpcy1yZXF1ZXN0';

/** The page policy for `browserDsn`, parsed. */
const pagePolicy = (browserDsn?: string) => parsePolicy(pageContentSecurityPolicy({ nonce: NONCE, browserDsn }));

describe('page Content-Security-Policy', () => {
  it('runs scripts by nonce only, forbids plugins, framing, foreign bases and form targets', () => {
    const policy = pagePolicy();
    expect(policy.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    expect(policy.get('style-src')).toEqual(["'self'", `'nonce-${NONCE}'`]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('lets a development server eval and inject styles (React and the dev overlay need it)', () => {
    const policy = parsePolicy(pageContentSecurityPolicy({ nonce: NONCE, development: true }));
    expect(policy.get('script-src')).toContain("'unsafe-eval'");
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it.each([
    ['https://abc@o123.ingest.sentry.io/456', 'https://o123.ingest.sentry.io'],
    ['http://public@127.0.0.1:43917/1', 'http://127.0.0.1:43917'],
    ['  https://abc@sentry.example.com:8443/prefix/7  ', 'https://sentry.example.com:8443'],
    ['https://abc@Sentry.Example.com:443/7', 'https://sentry.example.com'],
  ])('connects to the origin of the browser DSN %s', (dsn, origin) => {
    expect(pagePolicy(dsn).get('connect-src')).toEqual(["'self'", origin]);
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not a URL', 'sentry please'],
    ['without a public key', 'https://o123.ingest.sentry.io/456'],
    ['without a project id', 'https://abc@o123.ingest.sentry.io/'],
    ['of another scheme', 'ftp://abc@o123.ingest.sentry.io/456'],
    ['with a host that would end the directive', 'http://abc@evil;script-src/1'],
    ['with a host CSP cannot name (IPv6)', 'http://abc@[::1]:9000/1'],
  ])('connects to the app alone when the browser DSN is %s', (_what, dsn) => {
    const policy = pagePolicy(dsn);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    // Nothing of the DSN leaks into the policy: the same directives as without one.
    expect(pageContentSecurityPolicy({ nonce: NONCE, browserDsn: dsn })).toBe(pageContentSecurityPolicy({ nonce: NONCE }));
  });
});

describe('API Content-Security-Policy', () => {
  it('lets nothing load, run, submit or frame an API response', () => {
    const policy = parsePolicy(API_CONTENT_SECURITY_POLICY);
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });
});

describe('next.config.ts headers', () => {
  /** The headers next.config.ts adds to a response for `path`. */
  const configHeaders = async (path: string) => (await unstable_getResponseFromNextConfig({ url: `http://localhost${path}`, nextConfig })).headers;

  it.each(['/', '/runs', '/runs/x', '/signin', '/no-such-page', '/_next/static/chunks/app.js', '/api', '/api/runs', '/api/process-crosstab'])(
    'sends nosniff, DENY and the referrer policy on %s',
    async (path) => {
      const headers = await configHeaders(path);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    },
  );

  it('sends the API policy on the API, and leaves pages to the proxy', async () => {
    for (const path of ['/api', '/api/runs', '/api/runs/x/events', '/api/runs/x/workbook', '/api/process-crosstab']) {
      expect((await configHeaders(path)).get('content-security-policy'), path).toBe(API_CONTENT_SECURITY_POLICY);
    }
    for (const path of ['/', '/runs', '/apiary']) {
      expect((await configHeaders(path)).get('content-security-policy'), path).toBeNull();
    }
  });
});

describe('nonce', () => {
  it('is 16 random bytes in base64, different every time', () => {
    const nonces = Array.from({ length: 256 }, newNonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});
