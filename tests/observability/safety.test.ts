import { describe, expect, it } from 'vitest';
import { redactJson, toJsonSafe, canonicalLineJsonSchema } from '@/lib/observability';
import { causeChain } from '@/lib/observability/line/causeChain';
import { filterBreadcrumb, scrubEvent, buildSentryOptions } from '@/lib/observability/sentry/sentryOptions';
import { isSecretKey, REDACTED } from '@/lib/redaction';

describe('isSecretKey', () => {
  it.each([
    'password',
    'userPassword',
    'token',
    'accessToken',
    'refresh_token',
    'apiKey',
    'API_KEY',
    'x-api-key',
    'Authorization',
    'cookie',
    'Set-Cookie',
    'SENTRY_DSN',
    'dsn',
    'email',
    'contactEmail',
    'client_secret',
    'tokenValue',
  ])('%s is a secret', (key) => expect(isSecretKey(key)).toBe(true));
  it.each([
    'inputTokens',
    'outputTokens',
    'totalTokens',
    'cachedInputTokens',
    'reasoningTokens',
    'tokenAnomalies',
    'gen_ai.usage.input_tokens',
    'maxTokens',
    'costUsd',
    'model',
    'dataset',
    'userId',
  ])('%s is not a secret', (key) => expect(isSecretKey(key)).toBe(false));
});

describe('redactJson', () => {
  it('redacts nested secrets and e-mail-shaped strings, keeps metrics', () => {
    expect(redactJson({ a: { password: 'p', inputTokens: 3, list: [{ token: 't' }, 'bob@example.org', 'not an email @ all'] } })).toEqual({
      a: { password: REDACTED, inputTokens: 3, list: [{ token: REDACTED }, '[email]', 'not an email @ all'] },
    });
  });

  it('is linear: a 5 MB string and a 1 MB key are handled without quadratic work', () => {
    const huge = `${'a@b.'.repeat(1_310_720)}`;
    const hugeKey = 'k'.repeat(1_000_000);
    const t0 = performance.now();
    const out = redactJson({ text: huge, [hugeKey]: 'v' }) as Record<string, unknown>;
    // A guard against quadratic behaviour, not a performance figure (npm run bench:redaction prints those).
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(out.text).toBe(huge);
    expect(out[hugeKey]).toBe(REDACTED);
  });
});

describe('toJsonSafe', () => {
  it('turns hostile values into markers and stays bounded', () => {
    const m = new Map<string, unknown>([['k', 1n]]);
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 50; i += 1) cur = (cur.next = {}) as Record<string, unknown>;
    const out = toJsonSafe({
      m,
      s: new Set([1]),
      d: new Date(0),
      bad: new Date(Number.NaN),
      sym: Symbol('x'),
      buf: Buffer.alloc(10),
      deep,
      inf: Infinity,
      p: Promise.resolve(1),
    }) as Record<string, unknown>;
    expect(out).toMatchObject({
      m: [['k', '[BigInt 1]']],
      s: [1],
      d: '1970-01-01T00:00:00.000Z',
      bad: '[Invalid Date]',
      sym: '[Symbol x]',
      buf: '[Buffer 10 bytes]',
      inf: '[Infinity]',
      p: '[Promise]',
    });
    expect(JSON.stringify(out.deep)).toContain('[Object]');
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expect((toJsonSafe(wide) as Record<string, unknown>)['…omitted']).toBe('900 keys');
    const throwingProxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('nope');
        },
      },
    );
    expect(toJsonSafe(throwingProxy)).toBe('[Unserializable]');
  });
});

describe('causeChain', () => {
  it('follows causes, survives loops and non-Error causes, and is bounded', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(causeChain(b)).toEqual([
      { type: 'Error', message: 'b' },
      { type: 'Error', message: 'a' },
      { type: '[Circular]', message: 'cause chain loops back to an earlier level' },
    ]);
    expect(causeChain(new Error('x', { cause: 'plain string' }))[1]).toEqual({ type: 'string', message: 'plain string' });
    let e: Error = new Error('0');
    for (let i = 1; i < 30; i += 1) e = new Error(String(i), { cause: e });
    const chain = causeChain(e);
    expect(chain.length).toBeLessThanOrEqual(9);
    expect(chain.at(-1)?.type).toBe('[Truncated]');
  });
});

describe('Sentry options', () => {
  it('keeps the canonical line out of console breadcrumbs, and drops console breadcrumbs in production', () => {
    const line = { category: 'console', message: '{"kind":"pipeline.run","schemaVersion":1}' };
    expect(filterBreadcrumb(line, false)).toBeNull();
    expect(filterBreadcrumb({ category: 'console', message: 'progress' }, false)).not.toBeNull();
    expect(filterBreadcrumb({ category: 'console', message: 'progress' }, true)).toBeNull();
    expect(filterBreadcrumb({ category: 'http', data: { authorization: 'Bearer x', status: 200 } }, true)?.data).toEqual({
      authorization: REDACTED,
      status: 200,
    });
  });

  it('scrubs user data, cookies and secrets from events', () => {
    const out = scrubEvent({
      type: undefined,
      user: { id: 'u1', email: 'a@b.co', ip_address: '1.2.3.4' },
      request: { cookies: { sid: '1' }, headers: { cookie: 'x', accept: '*/*' }, data: 'body' },
      contexts: { run: { apiKey: 'k', inputTokens: 1 } },
    });
    expect(out.user).toEqual({ id: 'u1' });
    expect(out.request).toEqual({ headers: { cookie: REDACTED, accept: '*/*' } });
    expect(out.contexts).toEqual({ run: { apiKey: REDACTED, inputTokens: 1 } });
  });

  it('is restrictive in production, never records AI inputs/outputs or frame variables, and always traces pipeline runs', () => {
    const prod = buildSentryOptions({ dsn: 'http://k@127.0.0.1:1/1', nodeEnv: 'production' });
    expect(prod.dataCollection).toMatchObject({
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      genAI: { inputs: false, outputs: false },
      stackFrameVariables: false,
    });
    expect(buildSentryOptions({ dsn: undefined, nodeEnv: 'development' }).dataCollection).toMatchObject({
      genAI: { inputs: false, outputs: false },
      stackFrameVariables: false,
    });
    expect(buildSentryOptions({ dsn: undefined, nodeEnv: 'development' }).enabled).toBe(false);
    expect(prod.normalizeDepth).toBeGreaterThanOrEqual(3);
    const sample = (name: string) => prod.tracesSampler?.({ name, attributes: {}, inheritOrSampleWith: (r: number) => r });
    expect(sample('pipeline.run')).toBe(1);
    expect(sample('GET /')).toBe(0.2);
  });

  it('forwards to a local Spotlight sidecar only outside production', () => {
    expect(buildSentryOptions({ dsn: undefined, nodeEnv: 'development', spotlight: '1' })).toMatchObject({ enabled: true, spotlight: true });
    expect(buildSentryOptions({ dsn: undefined, nodeEnv: 'development', spotlight: 'http://127.0.0.1:9000/stream' }).spotlight).toBe(
      'http://127.0.0.1:9000/stream',
    );
    expect(buildSentryOptions({ dsn: undefined, nodeEnv: 'development', spotlight: 'false' }).enabled).toBe(false);
    const prod = buildSentryOptions({ dsn: undefined, nodeEnv: 'production', spotlight: '1' });
    expect(prod.enabled).toBe(false);
    expect(prod.spotlight).toBeUndefined();
  });
});

describe('canonical line JSON Schema', () => {
  it('is generated from the zod schema and requires the contract fields', () => {
    const schema = canonicalLineJsonSchema() as { required?: string[]; properties?: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'kind',
        'schemaVersion',
        'pipelineId',
        'dataset',
        'source',
        'outcome',
        'startedAt',
        'timestamp',
        'durationMs',
        'stages',
        'agents',
        'agentCalls',
        'totals',
      ]),
    );
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['traceId', 'error', 'orgId', 'userId', 'truncated', 'fallback']));
  });
});
