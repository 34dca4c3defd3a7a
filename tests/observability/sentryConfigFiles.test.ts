import type { ErrorEvent, Options, TracesSamplerSamplingContext } from '@sentry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spyOperatorLog } from '../support/operatorLog';

// The config files call Sentry.init at import; record what they pass instead of starting an SDK.
const sdk = vi.hoisted(() => ({ init: vi.fn<(options: Options) => void>(), captureRouterTransitionStart: vi.fn(), captureRequestError: vi.fn() }));
vi.mock('@sentry/nextjs', () => sdk);

/** Import a config file afresh (it reads the env at import) and return the options it passed to Sentry.init, if any. */
async function optionsFrom(load: () => Promise<unknown>): Promise<Options | undefined> {
  vi.resetModules();
  sdk.init.mockClear();
  await load();
  expect(sdk.init.mock.calls.length).toBeLessThanOrEqual(1);
  return sdk.init.mock.calls[0]?.[0];
}

const loadEdge = () => import('../../sentry.edge.config');
const loadClient = () => import('@/instrumentation-client');

/** What the sampler decides for a span with no parent decision. */
function sampleRate(options: Options, name: string): number | boolean | undefined {
  const ctx = { name, attributes: {}, normalizedRequest: undefined, inheritOrSampleWith: (rate: number) => rate } as unknown as TracesSamplerSamplingContext;
  return options.tracesSampler?.(ctx);
}

const personalEvent = (): ErrorEvent =>
  ({
    type: undefined,
    user: { id: 'u1', email: 'ana@acme.test', ip_address: '10.0.0.1', username: 'ana' },
    request: { url: 'http://app/x', cookies: { session: 's' }, data: 'body', headers: { authorization: 'Bearer abc' } },
  }) as ErrorEvent;

beforeEach(() => {
  for (const key of ['SENTRY_DSN', 'SENTRY_ENVIRONMENT', 'SENTRY_TRACES_SAMPLE_RATE', 'NEXT_PUBLIC_SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_ENVIRONMENT'])
    vi.stubEnv(key, undefined);
  vi.stubEnv('NODE_ENV', 'production');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('edge config (sentry.edge.config.ts)', () => {
  it('initialises from SENTRY_DSN with the shared production options', async () => {
    vi.stubEnv('SENTRY_DSN', 'http://public@127.0.0.1:9/1');
    vi.stubEnv('SENTRY_ENVIRONMENT', 'staging');
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '0.5');
    const options = (await optionsFrom(loadEdge))!;
    expect(options).toMatchObject({ dsn: 'http://public@127.0.0.1:9/1', enabled: true, environment: 'staging', normalizeDepth: 6 });
    expect(options.dataCollection).toMatchObject({ userInfo: false, cookies: false, httpHeaders: false, genAI: { inputs: false, outputs: false } });
    expect(sampleRate(options, 'GET /')).toBe(0.5);
    expect(sampleRate(options, 'pipeline.run')).toBe(1);
    const sent = options.beforeSend!(personalEvent(), {}) as ErrorEvent;
    expect(sent.user).toEqual({ id: 'u1' });
    expect(Object.keys(sent.request ?? {}).sort()).toEqual(['headers', 'url']);
    expect(JSON.stringify(sent.request)).not.toContain('Bearer abc');
  });

  it('falls back to the production default for a sample rate out of range, and stays off without a DSN', async () => {
    vi.stubEnv('SENTRY_DSN', 'http://public@127.0.0.1:9/1');
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '2');
    const warn = spyOperatorLog();
    expect(sampleRate((await optionsFrom(loadEdge))!, 'GET /')).toBe(0.2);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1')]);
    warn.mockRestore();
    vi.stubEnv('SENTRY_DSN', undefined);
    expect(await optionsFrom(loadEdge)).toBeUndefined();
  });
});

describe('browser config (src/instrumentation-client.ts)', () => {
  it('initialises from NEXT_PUBLIC_SENTRY_DSN with the shared options, and instruments router transitions', async () => {
    vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', 'http://public@127.0.0.1:9/1');
    vi.stubEnv('NEXT_PUBLIC_SENTRY_ENVIRONMENT', 'staging');
    const options = (await optionsFrom(loadClient))!;
    expect(options).toMatchObject({ dsn: 'http://public@127.0.0.1:9/1', enabled: true, environment: 'staging' });
    expect(options).not.toHaveProperty('sendDefaultPii');
    expect(options.dataCollection).toMatchObject({ userInfo: false, cookies: false, httpHeaders: false });
    // Browser page loads follow the server's sampling decision (from the page's trace meta tags), else 0.2 in production.
    expect(sampleRate(options, '/runs')).toBe(0.2);
    expect((options.beforeSend!(personalEvent(), {}) as ErrorEvent).user).toEqual({ id: 'u1' });
    const client = await import('@/instrumentation-client');
    expect(client.onRouterTransitionStart).toBe(sdk.captureRouterTransitionStart);
  });

  it('stays off without a DSN, and never reads the server-only SENTRY_DSN', async () => {
    vi.stubEnv('SENTRY_DSN', 'http://public@127.0.0.1:9/1');
    expect(await optionsFrom(loadClient)).toBeUndefined();
  });

  it('uses the development defaults outside production', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', 'http://public@127.0.0.1:9/1');
    const options = (await optionsFrom(loadClient))!;
    expect(options.environment).toBe('development');
    expect(sampleRate(options, '/runs')).toBe(1);
  });
});
