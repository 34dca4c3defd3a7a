import { readEnv } from '@/lib/env';
import { getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { EnvelopeServer } from '../tests/support/envelopeServer';
import { benchCall } from './bench/stats';
void (async () => {
  const on = process.argv[2] === 'on';
  const server = on ? await EnvelopeServer.start('ok') : null;
  await initObservability(readEnv({ NODE_ENV: 'production', ...(server ? { SENTRY_DSN: server.dsn() } : {}) }));
  const obs = startRunObservability({ pipelineId: 'prof', dataset: 'bench', source: 'cli', sink: memoryLineSink().sink, warn: () => undefined, maxAgentSpans: 1e9 });
  await obs.run(() => obs.stage('VerificationAgent', () => { for (let i = 0; i < (on ? 20000 : 200000); i++) getAgentMetrics().record(benchCall(i)); }));
  obs.finish('success');
  process.exit(0);
})();
