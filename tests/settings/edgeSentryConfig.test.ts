import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { EnvelopeServer } from '../support/envelopeServer';
import { spyOperatorLog } from '../support/operatorLog';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
});

afterAll(async () => {
  await Sentry.close(2000);
  await server?.close();
  vi.unstubAllEnvs();
});

it('the edge Sentry config reads settings like the server: junk sample rate and NODE_ENV warn, Sentry stays on, production rules', async () => {
  const warn = spyOperatorLog();
  vi.stubEnv('SENTRY_DSN', server.dsn());
  vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', 'abc');
  vi.stubEnv('NODE_ENV', 'staging');
  vi.stubEnv('SENTRY_ENVIRONMENT', '');

  await import('../../sentry.edge.config');

  expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
    '[settings] NODE_ENV must be one of development, production, test (got "staging"); treated as production',
    '[settings] SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1 (got "abc"); using the default (1.0, or 0.2 in production)',
  ]);
  const options = Sentry.getClient()?.getOptions();
  expect(options?.environment).toBe('production');
  expect(options?.dataCollection).toMatchObject({ userInfo: false, cookies: false });

  Sentry.captureMessage('edge probe');
  await Sentry.flush(2000);
  await server.waitFor(() => server.events().some((e) => e.message === 'edge probe'));
  expect(server.events().find((e) => e.message === 'edge probe')?.environment).toBe('production');
});
