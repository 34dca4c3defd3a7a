import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalLine } from '@/lib/observability';
import { EnvelopeServer } from '../support/envelopeServer';
import { startOpenAICompatServer, type OpenAICompatServer } from '../support/openaiCompatServer';
import { parseLine } from '../pipeline/pipelineHarness';
import { REPO, runCli, type CliOptions, type CliResult } from './cliHarness';

/** Every way a CLI run ends, each checked for exactly one canonical line and exactly one Sentry event. */
const BRAND = path.join(REPO, 'examples/brand-tracker');
const LIMIT_MS = 90_000;

let tmp: string;
let sentry: EnvelopeServer;
let failingModel: OpenAICompatServer;
let hangingModel: OpenAICompatServer;

interface Exit {
  result: CliResult;
  lines: CanonicalLine[];
}
const exits = new Map<string, Exit>();

/** Send `signals` (in order, `gapMs` apart) once stderr shows `when`. */
function signalAt(when: string, signals: NodeJS.Signals[], gapMs = 0): Pick<CliOptions, 'onStderr'> {
  let sent = false;
  return {
    onStderr: (soFar, pid) => {
      if (sent || !soFar.includes(when)) return;
      sent = true;
      signals.forEach((signal, i) => {
        const send = () => {
          try {
            process.kill(pid, signal);
          } catch {
            // already exited
          }
        };
        if (i === 0) send();
        else setTimeout(send, gapMs * i);
      });
    },
  };
}

async function cli(name: string, args: string[], opts: CliOptions = {}): Promise<void> {
  const result = await runCli(args, { timeoutMs: LIMIT_MS, ...opts, env: { SENTRY_DSN: sentry.dsn(), ...opts.env } });
  const lines = result.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => parseLine(l));
  exits.set(name, { result, lines });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-exits-'));
  sentry = await EnvelopeServer.start('ok');
  failingModel = await startOpenAICompatServer({ answer: {}, usage: { promptTokens: 1, completionTokens: 1 }, status: 500 });
  hangingModel = await startOpenAICompatServer({ answer: {}, usage: { promptTokens: 1, completionTokens: 1 }, hang: true });
  const model = (server: OpenAICompatServer) => ({
    LLM_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-test-not-a-secret',
    OPENAI_BASE_URL: server.baseURL,
    LLM_MODEL: 'gpt-4o-mini',
  });
  const out = (name: string) => ['--out', path.join(tmp, name), '--run-id', `exit-${name}`];
  const sigint = signalAt('] BannerAgent …', ['SIGINT']);
  const doubleSigint = signalAt('] BannerAgent …', ['SIGINT', 'SIGINT'], 1100);
  const sigterm = signalAt('] BannerAgent …', ['SIGTERM']);
  const sighup = signalAt('] BannerAgent …', ['SIGHUP']);
  // Waves of three processes, to keep a 2-core machine's load moderate.
  await Promise.all([
    cli('success', [BRAND, ...out('success')]),
    cli('input-error', [path.join(tmp, 'no-such-folder'), ...out('input-error')]),
    cli('stage-failure', [BRAND, ...out('stage-failure')], { env: model(failingModel) }),
  ]);
  await Promise.all([
    cli('sigint', [BRAND, ...out('sigint')], { ...sigint, env: model(hangingModel) }),
    cli('double-sigint', [BRAND, ...out('double-sigint')], { ...doubleSigint, env: model(hangingModel) }),
  ]);
  await Promise.all([
    cli('sigterm', [BRAND, ...out('sigterm')], { ...sigterm, env: model(hangingModel) }),
    cli('sighup', [BRAND, ...out('sighup')], { ...sighup, env: model(hangingModel) }),
  ]);
}, 300_000);

afterAll(async () => {
  await sentry?.close();
  await failingModel?.close();
  await hangingModel?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const CASES = [
  { name: 'success', code: 0, outcome: 'success', level: 'info' },
  { name: 'input-error', code: 1, outcome: 'error', level: 'error' },
  { name: 'stage-failure', code: 1, outcome: 'error', level: 'error' },
  { name: 'sigint', code: 130, outcome: 'cancelled', level: 'info' },
  { name: 'double-sigint', code: 130, outcome: 'cancelled', level: 'info' },
  { name: 'sigterm', code: 143, outcome: 'cancelled', level: 'info' },
  { name: 'sighup', code: 129, outcome: 'cancelled', level: 'info' },
] as const;

describe('every CLI exit: exactly one canonical line and one Sentry event', () => {
  for (const c of CASES) {
    it(`${c.name}: exit ${c.code}, outcome ${c.outcome}, one line, one ${c.level} event`, async () => {
      const { result, lines } = exits.get(c.name)!;
      expect(result.timedOut).toBe(false);
      expect(result.code, result.stderr).toBe(c.code);
      expect(lines).toHaveLength(1);
      const line = lines[0]!;
      expect(line.outcome).toBe(c.outcome);
      await sentry.waitFor(() => sentry.events().some((e) => (e.tags as Record<string, string>).pipeline_id === line.pipelineId), 5000);
      const events = sentry.events().filter((e) => (e.tags as Record<string, string>).pipeline_id === line.pipelineId);
      expect(events).toHaveLength(1);
      expect(events[0]!.level).toBe(c.level);
      expect((events[0]!.tags as Record<string, string>).outcome).toBe(c.outcome);
    });
  }

  for (const name of ['sigterm', 'sighup', 'sigint'] as const) {
    it(`${name}: the run ends by itself as cancelled (summary, errors.ndjson, wide-event.json written; no workbook)`, () => {
      const { result } = exits.get(name)!;
      const dir = path.join(tmp, name);
      for (const file of ['pipeline-summary.json', 'errors.ndjson', 'wide-event.json']) expect(existsSync(path.join(dir, file)), file).toBe(true);
      expect(existsSync(path.join(dir, 'crosstabs.xlsx'))).toBe(false);
      expect(result.stderr).toContain('Cancelling the run');
      expect(result.stderr).not.toContain('Stopping now');
    });
  }
});
