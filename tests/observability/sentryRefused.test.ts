import { beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { initObservability } from '@/lib/observability';
import { refusedPort } from '../support/envelopeServer';
import { runAgainstFaultyEndpoint } from './helpers/faultRun';

beforeAll(async () => {
  const port = await refusedPort();
  expect(await initObservability(readEnv({ SENTRY_DSN: `http://public@127.0.0.1:${port}/1`, NODE_ENV: 'test' }))).toBe(true);
});

describe('a Sentry endpoint that refuses connections', () => {
  it('the run is unaffected, the line is printed, flush keeps its bound', async () => {
    await runAgainstFaultyEndpoint('run-refused', 1000, true);
  });
});
