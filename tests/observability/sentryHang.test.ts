import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { initObservability } from '@/lib/observability';
import { EnvelopeServer } from '../support/envelopeServer';
import { runAgainstFaultyEndpoint } from './helpers/faultRun';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('hang');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await server.close();
});

describe('a Sentry endpoint that never answers', () => {
  it('flush returns within its bound and the run is unaffected', async () => {
    await runAgainstFaultyEndpoint('run-hang', 800, false);
    expect(server.requests).toBeGreaterThan(0);
  });

  it('a second bounded flush with requests still hanging also keeps its bound', async () => {
    await runAgainstFaultyEndpoint('run-hang-2', 300, false);
  });
});
