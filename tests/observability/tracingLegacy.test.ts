import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { flushObservability, initObservability, setSentryUser } from '@/lib/observability';
import { logAgentExecution } from '@/lib/tracing';
import { EnvelopeServer } from '../support/envelopeServer';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'production' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

describe('legacy tracing entry point and user context', () => {
  it('logAgentExecution leaves a redacted agent breadcrumb; setSentryUser sends only the id and org tag', async () => {
    await Sentry.withIsolationScope(async () => {
      setSentryUser({ userId: 'user-42', orgId: 'org-42' });
      logAgentExecution('UploadHandler', { dataset: 'demo', bytes: 10, apiKey: 'sk-1', email: 'a@b.co' });
      logAgentExecution('BannerAgent', 'started', { model: 'local' });
      console.log('progress line that production must not keep');
      Sentry.captureMessage('legacy probe');
    });
    await flushObservability(5000);
    await server.waitFor(() => server.events().some((e) => e.message === 'legacy probe'));
    const event = server.events().find((e) => e.message === 'legacy probe') as Record<string, unknown> & {
      breadcrumbs: Array<{ category?: string; message?: string; data?: Record<string, unknown> }>;
    };
    const agent = event.breadcrumbs.filter((b) => b.category === 'agent');
    expect(agent.map((b) => b.message)).toEqual(['UploadHandler: execution', 'BannerAgent: started']);
    expect(agent[0]?.data).toEqual({ dataset: 'demo', bytes: 10, apiKey: '[Redacted]', email: '[Redacted]' });
    expect(event.breadcrumbs.some((b) => b.category === 'console')).toBe(false);
    expect(event.user).toEqual({ id: 'user-42' });
    expect((event.tags as Record<string, string>).org_id).toBe('org-42');
  });
});
