import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signedInContext } from './browser';
import { api, finishedRuns } from './api';
import { WIDTHS } from './a11y';
import { cspViolations, recordCspViolations } from './cspViolations';
import { spanOp, waitForEnvelopes } from './sentryInbox';
import { parsePolicy } from '../support/parsePolicy';

const baseUrl = inject('baseUrl');
const sentryUrl = inject('sentryUrl');
const orgA = inject('orgA');
/** The browser DSN's origin (the Sentry stand-in): the only place besides the app a page may connect to. */
const sentryOrigin = new URL(sentryUrl).origin;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let runId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context, page } = await signedInContext(browser, baseUrl, orgA.token));
  await recordCspViolations(context);
  const [run] = await finishedRuns(baseUrl, orgA.token, ['security-headers.sav']);
  runId = run!.id;
});

afterAll(async () => {
  await browser?.close();
});

/** The headers every response carries. */
function expectCommonHeaders(headers: Record<string, string>, what: string): void {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
}

/** The security headers of an HTML page; returns the policy's nonce. */
function expectPageHeaders(headers: Record<string, string>, what: string): string {
  expectCommonHeaders(headers, what);
  const policy = parsePolicy(headers['content-security-policy'] ?? '');
  const nonces = (policy.get('script-src') ?? []).filter((s) => s.startsWith("'nonce-"));
  expect(nonces, `${what}: script-src`).toHaveLength(1);
  expect(policy.get('script-src'), what).toContain("'strict-dynamic'");
  expect(policy.get('script-src'), what).not.toContain("'unsafe-inline'");
  expect(policy.get('connect-src'), what).toEqual(["'self'", sentryOrigin]);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(policy.get('object-src'), what).toEqual(["'none'"]);
  expect(policy.get('base-uri'), what).toEqual(["'self'"]);
  expect(policy.get('form-action'), what).toEqual(["'self'"]);
  return nonces[0]!.slice("'nonce-".length, -1);
}

/** The security headers of an API response. */
function expectApiHeaders(headers: Headers, what: string): void {
  expectCommonHeaders(Object.fromEntries(headers), what);
  const policy = parsePolicy(headers.get('content-security-policy') ?? '');
  expect(policy.get('default-src'), what).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
}

describe('security headers', () => {
  it('serves every page with its headers and a fresh nonce, and the pages and the browser SDK run without a CSP violation, continuing the server trace', async () => {
    const pages = [
      { path: '/', status: 200 },
      { path: '/runs', status: 200 },
      { path: `/runs/${encodeURIComponent(runId)}`, status: 200 },
      { path: '/signin', status: 200 },
      { path: '/no-such-page', status: 404 },
    ];
    const nonces = new Set<string>();
    let loads = 0;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const { path, status } of pages) {
        const what = `${path} at ${width} px`;
        const response = await page.goto(path);
        expect(response?.status(), what).toBe(status);
        const nonce = expectPageHeaders(response!.headers(), what);
        nonces.add(nonce);
        loads++;
        // Next.js put the request's nonce on every script of the page (the attribute is hidden; the property keeps it).
        const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
        expect(scriptNonces.length, what).toBeGreaterThan(0);
        expect(new Set(scriptNonces), what).toEqual(new Set([nonce]));

        // The browser SDK's page-load span reaches the stand-in, as a child of the server's span of this request.
        const traceparent = await page.locator('meta[name="sentry-trace"]').getAttribute('content');
        expect(traceparent, what).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
        const [traceId, serverSpanId] = traceparent!.split('-') as [string, string];
        const log = await waitForEnvelopes(sentryUrl, (l) => l.spans().some((s) => s.trace_id === traceId && spanOp(s) === 'pageload')).catch(
          async (err: Error) => {
            throw new Error(`${what}: no page-load span (${err.message}); CSP violations: ${(await cspViolations(page)).join(' | ') || 'none'}`);
          },
        );
        const pageload = log.spans().find((s) => s.trace_id === traceId && spanOp(s) === 'pageload')!;
        expect(pageload.parent_span_id, what).toBe(serverSpanId);
        expect(await cspViolations(page), what).toEqual([]);
      }
    }
    expect(nonces.size).toBe(loads);
  });

  it('sends the headers and the API policy on JSON, event streams, downloads and API errors, and the plain headers on static files', async () => {
    const run = `/api/runs/${encodeURIComponent(runId)}`;
    const cases: Array<{ route: string; token: string | null; status: number; type: RegExp }> = [
      { route: '/api/runs', token: orgA.token, status: 200, type: /application\/json/ },
      { route: run, token: orgA.token, status: 200, type: /application\/json/ },
      { route: `${run}/events`, token: orgA.token, status: 200, type: /text\/event-stream/ },
      { route: `${run}/workbook`, token: orgA.token, status: 200, type: /spreadsheetml/ },
      { route: '/api/runs/no-such-run', token: orgA.token, status: 404, type: /application\/json/ },
      { route: '/api/runs', token: null, status: 401, type: /application\/json/ },
    ];
    for (const { route, token, status, type } of cases) {
      const res = await api(baseUrl, token, route);
      expect(res.status, route).toBe(status);
      expect(res.headers.get('content-type'), route).toMatch(type);
      expectApiHeaders(res.headers, route);
      await res.body?.cancel();
    }
    const script = await page.goto('/signin').then(() => page.locator('script[src^="/_next/static/"]').first().getAttribute('src'));
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expectCommonHeaders(Object.fromEntries(asset.headers), script!);
  });
});
