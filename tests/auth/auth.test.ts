import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { SignJWT } from 'jose';
import * as Sentry from '@sentry/nextjs';
import { signToken, verifyToken } from '@/lib/auth/token';
import { isAuthBypassEnabled, DEV_IDENTITY } from '@/lib/auth/bypass';
import { resolveAuth, credentialsFromRequest, isCrossOriginWrite } from '@/lib/auth';
import { getAppStore, resetAppStore } from '@/lib/db/appStore';
import { GET as getRun } from '@/app/api/runs/[id]/route';
import { TEST_SECRET, tempDir } from '../support/webInputs';
import { spyOperatorLog } from '../support/operatorLog';
import * as SentryCore from '@sentry/core';
import { registerSentrySdk } from '@/lib/observability';
import { memoryStore } from '../support/memoryStore';

// As the server does: the observability module uses the SDK instance the app loaded.
registerSentrySdk({ sentry: Sentry, core: SentryCore });

const claims = { userId: 'u1', orgId: 'acme', email: 'ana@acme.test', role: 'analyst' as const };

describe('tokens', () => {
  it('round-trips the claims of a signed token', async () => {
    const token = await signToken(claims, TEST_SECRET);
    expect(await verifyToken(token, TEST_SECRET)).toMatchObject(claims);
  });

  it('rejects a token signed with another secret, a tampered one, an expired one and garbage', async () => {
    const token = await signToken(claims, TEST_SECRET);
    expect(await verifyToken(token, `${TEST_SECRET}-other`)).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), org: 'globex' })).toString('base64url');
    expect(await verifyToken(`${h}.${forged}.${s}`, TEST_SECRET)).toBeNull();
    const expired = await new SignJWT({ org: 'acme', email: 'a@b.c', role: 'analyst' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('crosstab')
      .setAudience('crosstab-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_SECRET));
    expect(await verifyToken(expired, TEST_SECRET)).toBeNull();
    expect(await verifyToken('not-a-token', TEST_SECRET)).toBeNull();
  });

  it('refuses a short secret', async () => {
    await expect(signToken(claims, 'short')).rejects.toThrow(/at least 32/);
  });
});

describe('development bypass', () => {
  it('is on by default in development and can be switched off there', () => {
    expect(isAuthBypassEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(isAuthBypassEnabled({ NODE_ENV: 'development', AUTH_BYPASS: '0' })).toBe(false);
  });

  it('is off by default in test', () => {
    expect(isAuthBypassEnabled({ NODE_ENV: 'test' })).toBe(false);
    expect(isAuthBypassEnabled({ NODE_ENV: 'test', AUTH_BYPASS: 'true' })).toBe(true);
  });

  it('cannot be enabled in production, and says so', () => {
    const warn = spyOperatorLog();
    expect(isAuthBypassEnabled({ NODE_ENV: 'production', AUTH_BYPASS: '1' })).toBe(false);
    expect(isAuthBypassEnabled({ NODE_ENV: 'production', AUTH_BYPASS: 'true' })).toBe(false);
    expect(isAuthBypassEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('AUTH_BYPASS is ignored in production'));
    warn.mockRestore();
  });
});

describe('resolveAuth', () => {
  async function setup(NODE_ENV: 'development' | 'production' | 'test', AUTH_BYPASS?: '1') {
    const { users } = await memoryStore();
    const user = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
    return { users, user, deps: { env: { NODE_ENV, AUTH_BYPASS, AUTH_SECRET: TEST_SECRET }, users } };
  }

  it('accepts a bearer token or a session cookie of an existing user', async () => {
    const { user, deps } = await setup('production');
    const token = await signToken({ userId: user.id, orgId: 'acme', email: user.email, role: 'analyst' }, TEST_SECRET);
    expect(await resolveAuth({ bearer: token }, deps)).toMatchObject({ userId: user.id, orgId: 'acme', via: 'bearer' });
    expect(await resolveAuth({ cookie: token }, deps)).toMatchObject({ userId: user.id, orgId: 'acme', via: 'cookie' });
  });

  it("tells the request's Sentry scope who the caller is: opaque id and org tag, never the e-mail", async () => {
    const { user, deps } = await setup('production');
    const token = await signToken({ userId: user.id, orgId: 'acme', email: user.email, role: 'analyst' }, TEST_SECRET);
    await Sentry.withIsolationScope(async (scope) => {
      await resolveAuth({ bearer: token }, deps);
      expect(scope.getUser()).toEqual({ id: user.id });
      expect(scope.getScopeData().tags).toMatchObject({ org_id: 'acme' });
      expect(JSON.stringify(scope.getScopeData())).not.toContain('ana@acme.test');
    });
  });

  it('rejects a valid token whose user no longer exists or moved org', async () => {
    const { deps } = await setup('production');
    const ghost = await signToken({ ...claims, userId: 'deleted-user' }, TEST_SECRET);
    expect(await resolveAuth({ bearer: ghost }, deps)).toBeNull();
    const { user, deps: deps2 } = await setup('production');
    const wrongOrg = await signToken({ userId: user.id, orgId: 'globex', email: user.email, role: 'admin' }, TEST_SECRET);
    expect(await resolveAuth({ bearer: wrongOrg }, deps2)).toBeNull();
  });

  it('uses the bypass identity only without credentials, and never in production', async () => {
    expect(await resolveAuth({}, (await setup('development')).deps)).toEqual(DEV_IDENTITY);
    expect(await resolveAuth({ bearer: 'bad' }, (await setup('development')).deps)).toBeNull();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await resolveAuth({}, (await setup('production', '1')).deps)).toBeNull();
    warn.mockRestore();
  });

  it('reads the bearer header and the session cookie from a request', () => {
    const req = new Request('http://x/api', { headers: { authorization: 'Bearer abc.def', cookie: 'a=1; crosstab_session=tok%2E1' } });
    expect(credentialsFromRequest(req)).toEqual({ bearer: 'abc.def', cookie: 'tok.1' });
    expect(credentialsFromRequest(new Request('http://x/api', { headers: { authorization: 'Basic zzz' } })).bearer).toBe('');
  });

  it('flags cookie writes from another origin', () => {
    const post = (origin: string) => new Request('http://app.test/api', { method: 'POST', headers: { origin, host: 'app.test' } });
    expect(isCrossOriginWrite(post('http://app.test'))).toBe(false);
    expect(isCrossOriginWrite(post('http://evil.test'))).toBe(true);
    expect(isCrossOriginWrite(new Request('http://app.test/api', { headers: { origin: 'http://evil.test' } }))).toBe(false);
  });
});

describe('org isolation on the API', () => {
  afterEach(async () => {
    await resetAppStore();
    for (const k of ['DATABASE_PATH', 'AUTH_SECRET']) delete process.env[k];
    vi.unstubAllEnvs();
  });

  it('GET /api/runs/<id> answers 404 for another org’s run and 401 without credentials', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    process.env.DATABASE_PATH = path.join(tempDir(), 'app.db');
    process.env.AUTH_SECRET = TEST_SECRET;
    const { runs, users } = await getAppStore();
    const ana = await users.upsert({ orgId: 'acme', email: 'ana@acme.test', role: 'analyst' });
    const bob = await users.upsert({ orgId: 'globex', email: 'bob@globex.test', role: 'admin' });
    await runs.create({ id: 'run-acme', orgId: 'acme', userId: ana.id, dataset: 'ds', inputKind: 'example', inputDir: null });
    const tokenFor = (u: typeof ana) => signToken({ userId: u.id, orgId: u.orgId, email: u.email, role: u.role }, TEST_SECRET);
    const call = async (token?: string) =>
      getRun(new Request('http://app.test/api/runs/run-acme', { headers: token ? { authorization: `Bearer ${token}` } : {} }), {
        params: Promise.resolve({ id: 'run-acme' }),
      });

    const own = await call(await tokenFor(ana));
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: 'run-acme', status: 'queued', dataset: 'ds' });
    const other = await call(await tokenFor(bob));
    expect(other.status).toBe(404);
    expect((await call()).status).toBe(401);
  });
});
