import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies';
import { renderToStaticMarkup } from 'react-dom/server';
import { signToken } from '@/lib/auth/token';
import { resolveAuth } from '@/lib/auth';
import { SESSION_COOKIE } from '@/lib/auth/sessionCookie';
import { getAuthSettings } from '@/lib/auth/authSettings';
import { getAppStore, resetAppStore } from '@/lib/db/appStore';
import { resetOrchestrator } from '@/lib/webRuns/orchestratorInstance';
import { resetSettings } from '@/lib/settings/settingsCache';
import { GET as listRuns } from '@/app/api/runs/route';
import { GET as getRun } from '@/app/api/runs/[id]/route';
import { GET as getTables } from '@/app/api/runs/[id]/tables/route';
import { GET as getWorkbook } from '@/app/api/runs/[id]/workbook/route';
import { GET as getEvents } from '@/app/api/runs/[id]/events/route';
import { POST as cancelRun } from '@/app/api/runs/[id]/cancel/route';
import { POST as startRun } from '@/app/api/process-crosstab/route';
import { POST as signIn } from '@/app/api/auth/session/route';
import SignInPage from '@/app/signin/page';
import { TEST_SECRET, tempDir } from '../support/webInputs';
import { spyOperatorLog } from '../support/operatorLog';

const RUN_ID = 'run-acme';
const params = { params: Promise.resolve({ id: RUN_ID }) };
const URL_BASE = 'http://app.test';

/** Every API route, called with the given headers. */
const ROUTES: Array<[string, (headers: Record<string, string>) => Promise<Response>]> = [
  ['GET /api/runs', (h) => listRuns(new Request(`${URL_BASE}/api/runs`, { headers: h }))],
  ['GET /api/runs/<id>', (h) => getRun(new Request(`${URL_BASE}/api/runs/${RUN_ID}`, { headers: h }), params)],
  ['GET /api/runs/<id>/tables', (h) => getTables(new Request(`${URL_BASE}/api/runs/${RUN_ID}/tables`, { headers: h }), params)],
  ['GET /api/runs/<id>/workbook', (h) => getWorkbook(new Request(`${URL_BASE}/api/runs/${RUN_ID}/workbook`, { headers: h }), params)],
  ['GET /api/runs/<id>/events', (h) => getEvents(new Request(`${URL_BASE}/api/runs/${RUN_ID}/events`, { headers: h }), params)],
  ['POST /api/runs/<id>/cancel', (h) => cancelRun(new Request(`${URL_BASE}/api/runs/${RUN_ID}/cancel`, { method: 'POST', headers: h }), params)],
  ['POST /api/process-crosstab', (h) => startRun(new Request(`${URL_BASE}/api/process-crosstab`, { method: 'POST', headers: h, body: new FormData() }))],
];

/** How Node's HTTP parser hands over header bytes that are not ASCII (latin1, one char per byte). */
const asHeaderBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const HOSTILE_COOKIES: Array<[string, string]> = [
  ['truncated percent-encoding', '%E0%A4%A'],
  ['a lone percent sign', '%'],
  ['percent signs only, long', '%'.repeat(20_000)],
  ['a very long value', 'a'.repeat(200_000)],
  ['non-ASCII bytes', asHeaderBytes('jeton-ünïcødé-✓-🙂')],
  ['an empty value', ''],
  ['a JWT-shaped value with broken parts', 'eyJhbGciOiJIUzI1NiJ9.%ZZ.%'],
];

let userId = '';
let otherUserId = '';

beforeEach(async () => {
  resetSettings();
  await resetAppStore();
  resetOrchestrator();
  const dir = tempDir();
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'app.db'));
  vi.stubEnv('OUTPUT_ROOT', path.join(dir, 'outputs'));
  vi.stubEnv('UPLOAD_ROOT', path.join(dir, 'uploads'));
  vi.stubEnv('AUTH_SECRET', TEST_SECRET);
  vi.stubEnv('AUTH_BYPASS', '');
  const { runs, users } = await getAppStore();
  const ana = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
  userId = ana.id;
  otherUserId = (await users.upsert({ orgId: 'globex', email: 'bob@globex.test', role: 'admin' })).id;
  await runs.create({ id: RUN_ID, orgId: 'acme', userId, dataset: 'ds', inputKind: 'example', inputDir: null });
});

afterEach(async () => {
  await resetAppStore();
  resetOrchestrator();
  resetSettings();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const claimsFor = (id: string) => ({ userId: id, orgId: 'acme', email: 'ana@acme.test', role: 'analyst' as const });

async function expect401(res: Response, what: string): Promise<void> {
  expect(res.status, what).toBe(401);
  expect(await res.json(), what).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
}

describe('hostile session cookies answer 401 from every API route', () => {
  it('a valid cookie is accepted (the setup works)', async () => {
    const token = await signToken(claimsFor(userId), TEST_SECRET);
    expect((await ROUTES[1]![1]({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` })).status).toBe(200);
  });

  it.each(HOSTILE_COOKIES)('%s', async (_name, value) => {
    for (const [route, call] of ROUTES) {
      await expect401(await call({ cookie: `theme=dark; ${SESSION_COOKIE}=${value}; other=%` }), route);
    }
  });

  it('a cookie header of nothing but garbage', async () => {
    for (const [route, call] of ROUTES) await expect401(await call({ cookie: ';;==;%;=%E0' }), route);
  });
});

describe('hostile bearer tokens answer 401 from every API route', () => {
  const tokens: Array<[string, () => Promise<string>]> = [
    ['garbage', async () => 'not-a-token'],
    ['three empty parts', async () => '..'],
    ['JWT-shaped garbage', async () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA'],
    [
      'alg none (unsigned)',
      async () =>
        new UnsecuredJWT({ org: 'acme', email: 'ana@acme.test', role: 'admin' })
          .setSubject(userId)
          .setIssuer('crosstab')
          .setAudience('crosstab-api')
          .setExpirationTime('1h')
          .encode(),
    ],
    [
      'wrong alg (HS512 with the right secret)',
      async () =>
        new SignJWT({ org: 'acme', email: 'ana@acme.test', role: 'admin' })
          .setProtectedHeader({ alg: 'HS512' })
          .setSubject(userId)
          .setIssuer('crosstab')
          .setAudience('crosstab-api')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(TEST_SECRET)),
    ],
    [
      'expired',
      async () =>
        new SignJWT({ org: 'acme', email: 'ana@acme.test', role: 'analyst' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(userId)
          .setIssuer('crosstab')
          .setAudience('crosstab-api')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(new TextEncoder().encode(TEST_SECRET)),
    ],
    ['signed with another secret', async () => signToken(claimsFor(userId), `${TEST_SECRET}-other`)],
    ['another org’s user claiming acme', async () => signToken(claimsFor(otherUserId), TEST_SECRET)],
    ['very long', async () => `${'A'.repeat(100_000)}.${'B'.repeat(100_000)}.C`],
    ['non-ASCII bytes', async () => asHeaderBytes('tökén.ünï.cødé')],
  ];

  it.each(tokens)('%s', async (_name, make) => {
    const token = await make();
    for (const [route, call] of ROUTES) {
      await expect401(await call({ authorization: `Bearer ${token}` }), `${route} (bearer)`);
      await expect401(await call({ cookie: `${SESSION_COOKIE}=${token}` }), `${route} (cookie)`);
    }
  });
});

describe('misconfigured secrets and empty settings never turn into 500s', () => {
  it('AUTH_BYPASS= (empty, as compose files write it) is unset: requests without credentials get 401, not an exception', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    resetSettings();
    for (const [route, call] of ROUTES) await expect401(await call({}), route);
  });

  it('AUTH_BYPASS= in development is the development default: the bypass identity', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    resetSettings();
    const res = await ROUTES[0]![1]({});
    expect(res.status).toBe(200);
  });

  it('a short AUTH_SECRET outside production: tokens are 401, not a thrown error', async () => {
    spyOperatorLog();
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('AUTH_SECRET', 'too-short');
    resetSettings();
    const token = await signToken(claimsFor(userId), TEST_SECRET);
    for (const [route, call] of ROUTES) {
      await expect401(await call({ authorization: `Bearer ${token}` }), route);
      await expect401(await call({ cookie: `${SESSION_COOKIE}=${token}` }), route);
    }
  });
});

describe('sign-in', () => {
  const post = (body: unknown) =>
    signIn(new Request(`${URL_BASE}/api/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

  it('answers 401 for hostile tokens and malformed bodies', async () => {
    for (const body of [{ token: 'garbage' }, { token: '%E0%A4%A' }, { token: 'x'.repeat(100_000) }, { token: 42 }, {}, null]) {
      const res = await post(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'invalid_token', message: 'That token is not valid.' } });
    }
    const broken = await signIn(
      new Request(`${URL_BASE}/api/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' }),
    );
    expect(broken.status).toBe(401);
  });

  it.each([
    ['missing', '', 'the server has no AUTH_SECRET set'],
    ['short', 'too-short', "the server's AUTH_SECRET is shorter than 32 characters"],
  ])('outside production, a %s AUTH_SECRET is said plainly (503), not "token not valid"; the page says it too', async (_kind, secret, reason) => {
    spyOperatorLog();
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('AUTH_SECRET', secret);
    resetSettings();
    const res = await post({ token: await signToken(claimsFor(userId), TEST_SECRET) });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'auth_not_configured', message: `Sign-in is unavailable: ${reason}.` } });

    const form = new FormData();
    form.set('token', 'whatever');
    const redirect = await signIn(new Request(`${URL_BASE}/api/auth/session`, { method: 'POST', body: form }));
    expect([redirect.status, redirect.headers.get('location')]).toEqual([303, '/signin?error=secret']);

    const html = renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve({ error: 'secret' }) }));
    expect(html).toContain(`Sign-in is unavailable: ${reason.replace("'", '&#x27;')}, so no token can be verified.`);
    expect(html).not.toContain('not valid or has expired');
  });
});

describe('pages: a hostile session cookie is signed-out, not an error', () => {
  /** The session cookie as a page sees it: Next parses the request's Cookie header with RequestCookies. */
  const pageCookie = (header: string) => new RequestCookies(new Headers({ cookie: header })).get(SESSION_COOKIE)?.value;

  it.each(HOSTILE_COOKIES)('%s', async (_name, value) => {
    const cookie = pageCookie(`${SESSION_COOKIE}=${value}`);
    expect(await resolveAuth({ cookie }, { env: getAuthSettings(), users: (await getAppStore()).users })).toBeNull();
  });
});
