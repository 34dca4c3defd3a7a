import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { initObservability } from '@/lib/observability';
import { EnvelopeServer } from '../support/envelopeServer';
import { runAgainstFaultyEndpoint } from './helpers/faultRun';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('500');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(500);
  await server.close();
});

describe('a Sentry endpoint that fails', () => {
  it('answering 500: the run is unaffected and flush keeps its bound', async () => {
    await runAgainstFaultyEndpoint('run-500', 1000, true);
    expect(server.requests).toBeGreaterThan(0);
    expect(server.envelopes).toHaveLength(0);
  });

  it('answering 429 with Retry-After / X-Sentry-Rate-Limits: the run is unaffected, later runs too', async () => {
    server.mode = '429';
    const before = server.requests;
    await runAgainstFaultyEndpoint('run-429', 1000, true);
    expect(server.requests).toBeGreaterThan(before);
    const after429 = server.requests;
    // Rate limited: the SDK holds back, but the pipeline still runs and prints its line.
    await runAgainstFaultyEndpoint('run-429-later', 1000, true);
    expect(server.requests).toBeGreaterThanOrEqual(after429);
  });
});
