import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverStartupProblems } from '@/lib/settings/serverStartupProblems';
import { resetSettings } from '@/lib/settings/settingsCache';
import { TEST_SECRET } from '../support/webInputs';
import { spyOperatorLog } from '../support/operatorLog';

afterEach(() => {
  resetSettings();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const SHORT_SECRET = 'x'.repeat(31);

describe('server startup check', () => {
  it.each([
    ['production', undefined, 'the server has no AUTH_SECRET set'],
    ['production', '', 'the server has no AUTH_SECRET set'],
    ['production', SHORT_SECRET, "the server's AUTH_SECRET is shorter than 32 characters"],
    ['staging', undefined, 'the server has no AUTH_SECRET set'],
  ])('NODE_ENV=%s with AUTH_SECRET=%j refuses to start, with one line saying why', (NODE_ENV, AUTH_SECRET, reason) => {
    spyOperatorLog();
    const problems = serverStartupProblems({ NODE_ENV, ...(AUTH_SECRET !== undefined && { AUTH_SECRET }) });
    expect(problems).toEqual([`${reason}; production needs at least 32 random characters to sign and verify access tokens`]);
    expect(problems[0]).not.toContain('\n');
  });

  it('production with a usable secret starts; junk web and observability values only warn', () => {
    const warn = spyOperatorLog();
    expect(
      serverStartupProblems({
        NODE_ENV: 'production',
        AUTH_SECRET: TEST_SECRET,
        MAX_CONCURRENT_RUNS: 'abc',
        SENTRY_TRACES_SAMPLE_RATE: 'abc',
        AUTH_BYPASS: '',
      }),
    ).toEqual([]);
    expect(warn.mock.calls.map((c) => String(c[0]).split(' ')[1])).toEqual(['SENTRY_TRACES_SAMPLE_RATE', 'MAX_CONCURRENT_RUNS']);
  });

  it('outside production a missing or short secret is a warning (sign-in explains it), not a refusal', () => {
    const warn = spyOperatorLog();
    expect(serverStartupProblems({ NODE_ENV: 'development' })).toEqual([]);
    expect(serverStartupProblems({ NODE_ENV: 'test', AUTH_SECRET: SHORT_SECRET })).toEqual([]);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '[settings] the server has no AUTH_SECRET set: sign-in is unavailable until it is set (at least 32 random characters)',
      "[settings] the server's AUTH_SECRET is shorter than 32 characters: sign-in is unavailable until it is set (at least 32 random characters)",
    ]);
  });

  it('model settings a run could not work with refuse the start, in any mode', () => {
    expect(serverStartupProblems({ NODE_ENV: 'development', LLM_PROVIDER: 'openai', AUTH_SECRET: TEST_SECRET })).toEqual([
      'LLM_PROVIDER=openai needs OPENAI_API_KEY',
    ]);
  });

  it('the instrumentation hook exits with code 1 and one stderr line before loading Sentry when AUTH_SECRET is missing in production', async () => {
    for (const name of ['AUTH_SECRET', 'SENTRY_DSN', 'LLM_PROVIDER', 'OPENAI_API_KEY']) vi.stubEnv(name, '');
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    class Exited extends Error {}
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Exited();
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { register } = await import('@/instrumentation');
    await expect(register()).rejects.toBeInstanceOf(Exited);
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
      '[settings] the server cannot start: the server has no AUTH_SECRET set; production needs at least 32 random characters to sign and verify access tokens\n',
    ]);
    expect((globalThis as { __crosstabSentryInit?: boolean }).__crosstabSentryInit).toBeUndefined();
  });
});
