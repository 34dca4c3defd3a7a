import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SPEC } from '@/lib/settings/modelSettings';
import { OBSERVABILITY_SPEC } from '@/lib/settings/observabilitySettings';
import { PIPELINE_SPEC } from '@/lib/settings/pipelineSettings';
import { WEB_SPEC } from '@/lib/settings/webSettings';
import { EnvelopeServer } from '../support/envelopeServer';
import { parseLine } from '../pipeline/pipelineHarness';
import { REPO, runCli, singleStdoutLine, type CliResult } from '../cli/cliHarness';

const PULSE = path.join(REPO, 'examples/employee-pulse');
const RUN_LIMIT_MS = 90_000;

let tmp: string;
let server: EnvelopeServer;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-cli-settings-'));
  server = await EnvelopeServer.start('ok');
});

afterAll(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Lines the settings check wrote on stderr (warnings), without the run's progress. */
const settingsLines = (r: CliResult) => r.stderr.split('\n').filter((l) => l.startsWith('[settings]'));

async function run(name: string, env: Record<string, string>): Promise<CliResult> {
  const r = await runCli([PULSE, '--out', path.join(tmp, name), '--run-id', name], { env, timeoutMs: RUN_LIMIT_MS });
  expect(r.timedOut).toBe(false);
  return r;
}

describe.concurrent('CLI settings', () => {
  it('ignores web-only settings, junk or empty: the run succeeds with one canonical line and no word about them', async () => {
    const r = await run('web-junk', {
      MAX_CONCURRENT_RUNS: 'abc',
      UPLOAD_MAX_BYTES: '-1',
      AUTH_BYPASS: 'maybe',
      AUTH_SECRET: 'short',
      DATABASE_PATH: '',
      OUTPUT_ROOT: '',
      UPLOAD_ROOT: '',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(parseLine(singleStdoutLine(r.stdout))).toMatchObject({ pipelineId: 'web-junk', outcome: 'success' });
    expect(settingsLines(r)).toEqual([]);
    for (const name of Object.keys(WEB_SPEC)) expect(r.stderr).not.toContain(name);
  });

  it('every variable empty is every default: success, no warning', async () => {
    const empty = Object.fromEntries(
      [...Object.keys(OBSERVABILITY_SPEC), ...Object.keys(PIPELINE_SPEC), ...Object.keys(MODEL_SPEC), ...Object.keys(WEB_SPEC)].map((n) => [n, '']),
    );
    const r = await run('all-empty', empty);
    expect(r.code, r.stderr).toBe(0);
    expect(parseLine(singleStdoutLine(r.stdout)).outcome).toBe('success');
    expect(settingsLines(r)).toEqual([]);
  });

  it('STAGE_WORKERS=always: the CLI computes in a worker thread (compiled by tsx there too), with the same tables as never', async () => {
    const [always, never] = await Promise.all([run('workers-always', { STAGE_WORKERS: 'always' }), run('workers-never', { STAGE_WORKERS: 'never' })]);
    for (const r of [always, never]) {
      expect(r.code, r.stderr).toBe(0);
      expect(settingsLines(r)).toEqual([]);
    }
    expect(parseLine(singleStdoutLine(always.stdout)).outcome).toBe('success');
    const tables = (name: string) => readFileSync(path.join(tmp, name, 'tables.json'), 'utf8').replace(/"(generatedAt|runId)": "[^"]+"/g, '');
    expect(tables('workers-always')).toBe(tables('workers-never'));
  });

  it('STAGE_WORKERS=junk: one warning, and the run goes on with the default', async () => {
    const r = await run('workers-junk', { STAGE_WORKERS: 'sometimes' });
    expect(r.code, r.stderr).toBe(0);
    expect(settingsLines(r)).toEqual(['[settings] STAGE_WORKERS must be one of auto, always, never (got "sometimes"); using the default (auto)']);
  });

  it('junk sample rate and NODE_ENV=staging: one warning each, Sentry stays on and receives the run', async () => {
    const r = await run('obs-junk', { SENTRY_DSN: server.dsn(), SENTRY_TRACES_SAMPLE_RATE: 'abc', NODE_ENV: 'staging' });
    expect(r.code, r.stderr).toBe(0);
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line.outcome).toBe('success');
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(settingsLines(r)).toEqual([
      '[settings] NODE_ENV must be one of development, production, test (got "staging"); treated as production',
      '[settings] SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1 (got "abc"); using the default (1.0, or 0.2 in production)',
    ]);
    expect(r.stderr).not.toContain('Sentry not initialised');
    await server.waitFor(() => server.events().some((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === 'obs-junk'), 5000);
    const event = server.events().find((e) => (e.tags as Record<string, string>).pipeline_id === 'obs-junk')!;
    // Treated as production: the production environment name and no server name.
    expect(event.environment).toBe('production');
    expect(event.server_name).toBeUndefined();
  });

  it.each([
    [{ LLM_PROVIDER: 'opneai' }, 'error: LLM_PROVIDER must be one of local, openai, azure (got "opneai")'],
    [{ LLM_PROVIDER: 'openai' }, 'error: LLM_PROVIDER=openai needs OPENAI_API_KEY'],
    [{ OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'localhost:1234' }, 'error: OPENAI_BASE_URL must be an http(s) URL (got "localhost:1234")'],
    [
      { LLM_PROVIDER: 'azure', AZURE_OPENAI_API_KEY: 'k', LLM_MODEL: 'prod' },
      'error: LLM_PROVIDER=azure needs AZURE_OPENAI_RESOURCE_NAME (LLM_MODEL is the deployment name)',
    ],
  ])('model settings a run cannot work with: %j is exit 2, one error line, nothing on stdout, no stage run', async (env, message) => {
    const name = `bad-${Object.values(env)
      .join('-')
      .replace(/[^a-z0-9-]/gi, '')}`;
    const r = await run(name, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stderr).not.toContain('sk-test-not-real');
    expect(existsSync(path.join(tmp, name))).toBe(false);
  });
});
