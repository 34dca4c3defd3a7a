import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/nextjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { resetModelProvider } from '@/lib/llm';
import { flushObservability, initObservability } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { REPO, makeDataset, runCli, singleStdoutLine } from '../cli/cliHarness';
import { captureCanonicalLines, parseLine } from '../pipeline/pipelineHarness';
import { CANARY, expectNoCanary } from '../support/canaries';
import { EnvelopeServer } from '../support/envelopeServer';
import { startOpenAICompatServer, type CompatReply, type CompatRequest, type OpenAICompatServer } from '../support/openaiCompatServer';

const BRAND_SAV = path.join(REPO, 'examples/brand-tracker/brand-tracker.sav');
/** A banner plan whose text (and so every BannerAgent prompt) holds a canary. */
const BANNER = `# Banner plan\n\n## Region (${CANARY.prompt})\n- North region ${CANARY.prompt}\n- South region\n`;
const MODEL_ENV = ['LLM_PROVIDER', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'LLM_MODEL'] as const;

/** The endpoint echoes the key it was sent and the messages (system text and banner section) in a multi-line 400 body. */
function echoPromptIn400(req: CompatRequest): CompatReply {
  const echoed = `Bad request from ${String(req.headers.authorization)}:\n${JSON.stringify(req.body.messages)}\n${CANARY.body}`;
  return {
    answer: null,
    usage: { promptTokens: 0, completionTokens: 0 },
    status: 400,
    errorBody: { error: { message: echoed, type: 'invalid_request_error' } },
  };
}

let tmp: string;
let dataset: string;
let model: OpenAICompatServer;
let sentry: EnvelopeServer;
let lines: ReturnType<typeof captureCanonicalLines>;
const savedEnv: Partial<Record<(typeof MODEL_ENV)[number], string | undefined>> = {};

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-provider-failure-'));
  dataset = makeDataset(path.join(tmp, 'inputs', 'brand-canary'), { 'brand-tracker.sav': BRAND_SAV }, { 'banner.md': BANNER });
  model = await startOpenAICompatServer(echoPromptIn400);
  sentry = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: sentry.dsn(), NODE_ENV: 'test' }))).toBe(true);
  lines = captureCanonicalLines();
  for (const key of MODEL_ENV) savedEnv[key] = process.env[key];
});

afterEach(() => {
  for (const key of MODEL_ENV) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetModelProvider();
});

afterAll(async () => {
  lines?.restore();
  await Sentry.close(2000);
  await sentry?.close();
  await model?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every file the run wrote, concatenated. */
function filesOf(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(path.join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

describe('a provider failure through runPipeline leaks nothing', () => {
  it.each([
    { name: '400 echoing the key and the prompt', baseURL: () => model.baseURL, type: 'AI_APICallError', detail: 'HTTP 400' },
    {
      name: 'credentials in the base URL',
      baseURL: () => model.baseURL.replace('http://', `http://user:${CANARY.password}@`),
      type: 'TypeError',
      detail: 'includes credentials',
    },
  ])('$name: canonical line, Sentry event, progress lines and run files', async ({ name, baseURL, type, detail }) => {
    Object.assign(process.env, { LLM_PROVIDER: 'openai', OPENAI_API_KEY: CANARY.apiKey, OPENAI_BASE_URL: baseURL() });
    resetModelProvider();
    const runId = `provider-failure-${name.split(' ')[0]}`;
    const dir = path.join(tmp, runId);
    const progress: string[] = [];
    const before = model.requests.length;

    const result = await runPipeline({
      lineSink: lines.sink,
      inputs: { datasetDir: dataset },
      outputDir: dir,
      runId,
      source: 'cli',
      progress: (l) => progress.push(l),
    });

    if (type === 'AI_APICallError') {
      // The endpoint really was called and really echoed the canaries.
      const sent = model.requests.slice(before);
      expect(sent.length).toBeGreaterThan(0);
      expect(JSON.stringify(sent[0]?.body)).toContain(CANARY.prompt);
    }
    expectNoCanary(JSON.stringify(result), 'the run result');
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ type, stage: 'BannerAgent' });
    expect(result.error?.message).toContain(detail);

    const printed = lines.byRun(runId);
    expect(printed).toHaveLength(1);
    const line = parseLine(printed[0]);
    // Not its stage: the wide event names the last stage in error, which may be a sibling cancelled by this failure.
    expect(line.error?.type).toBe(type);
    expect(line.error?.message).toContain('openai gpt-4o-mini');
    expectNoCanary(printed[0]!, 'the canonical line');

    expectNoCanary(progress.join('\n'), 'the progress lines');
    for (const l of progress) expect(l).not.toMatch(/[\r\n]/);
    expectNoCanary(filesOf(dir), 'the files of the run');

    await flushObservability(5000);
    const eventsOf = () => sentry.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === runId);
    await sentry.waitFor(() => eventsOf().length >= 1, 10_000);
    const [event] = eventsOf();
    const exceptionTypes = ((event?.exception as { values?: Array<{ type?: string }> } | undefined)?.values ?? []).map((v) => v.type);
    expect(exceptionTypes).toContain(type);
    expectNoCanary(JSON.stringify(sentry.items()), 'what Sentry received');
  });
});

describe('a provider failure through the CLI', () => {
  it('prints one error line on stderr, with no canary on stderr or stdout', async () => {
    const r = await runCli([dataset, '--out', path.join(tmp, 'cli-run'), '--run-id', 'cli-provider-failure'], {
      env: { LLM_PROVIDER: 'openai', OPENAI_API_KEY: CANARY.apiKey, OPENAI_BASE_URL: model.baseURL },
      timeoutMs: 60_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    expectNoCanary(r.stderr, 'stderr');
    expectNoCanary(r.stdout, 'stdout');
    expect(parseLine(singleStdoutLine(r.stdout)).error?.type).toBe('AI_APICallError');
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errorLines).toEqual(['error: BannerAgent model call failed: the API rejected the request (AI_APICallError, HTTP 400, openai gpt-4o-mini)']);
    // The error line is the last thing on stderr: nothing of a multi-line message follows it.
    expect(r.stderr.endsWith(`${errorLines[0]}\n`)).toBe(true);
  });
});
