import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBannerAgent, runCrosstabAgent, runFilterTranslatorAgent, runSkipLogicAgent } from '@/agents';
import { isCancellation, PipelineInputError } from '@/lib/core/PipelineErrors';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import type { DataMap } from '@/lib/core/types';
import { readSavFile } from '@/lib/sav';
import { asBannerPlan, asSurvey, TEXT_SHAPES, textShape } from '../support/adversarialText';

const MB = 1024 * 1024;
/** The guard: a shape on which text handling went super-linear again would not finish within it. */
const SHAPE_TIMEOUT_MS = 20_000;

/** The local model, counting its calls. */
class CountingProvider implements ModelProvider {
  readonly name = 'local';
  readonly model = 'local-rules-v1';
  calls = 0;
  private readonly inner = new LocalModelProvider();

  generate<T>(req: ModelCallRequest<T>) {
    this.calls++;
    return this.inner.generate(req);
  }
}

let dataMap: DataMap;
let provider: CountingProvider;
beforeAll(async () => {
  dataMap = buildDataMap(await readSavFile(path.resolve(__dirname, '../../examples/employee-pulse/employee-pulse.sav')));
});
afterAll(() => resetModelProvider());

function useProvider(): CountingProvider {
  provider = new CountingProvider();
  setModelProvider(provider);
  return provider;
}

/** Runs a path to its end; an input error (a plan without groups, a document over a limit) is a completed run too. */
async function settle<T>(run: () => Promise<T>): Promise<T | 'input error'> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof PipelineInputError) return 'input error';
    throw err;
  }
}

const bannerPath = (plan: string, signal?: AbortSignal) => async () => runCrosstabAgent(await runBannerAgent(plan, dataMap, { signal }), dataMap, { signal });
const surveyPath = (survey: string, signal?: AbortSignal) => async () =>
  runFilterTranslatorAgent(await runSkipLogicAgent(survey, dataMap, { signal }), dataMap, { signal });

describe('BannerAgent + CrosstabAgent and SkipLogicAgent + FilterTranslatorAgent on 1 MB of adversarial text', () => {
  it.each(TEXT_SHAPES.map((s) => [s.name, s] as const))(
    '%s: both paths complete',
    async (_name, shape) => {
      useProvider();
      const payload = shape.make(MB);
      await expect(settle(bannerPath(asBannerPlan(payload)))).resolves.toBeDefined();
      await expect(settle(surveyPath(asSurvey(payload)))).resolves.toBeDefined();
    },
    SHAPE_TIMEOUT_MS,
  );

  it(
    'still reads the condition inside a megabyte of parentheses or of a repeated or-chain',
    async () => {
      useProvider();
      for (const name of ['nested parens', 'or-chain']) {
        const payload = textShape(name).make(MB);
        const banner = await runCrosstabAgent(await runBannerAgent(asBannerPlan(payload), dataMap), dataMap);
        expect(
          banner.banner.groups[0]!.columns.map((c) => c.expression),
          name,
        ).toEqual(['DEPT == 1', 'DEPT == 1']);
        const rules = await runFilterTranslatorAgent(await runSkipLogicAgent(asSurvey(payload), dataMap), dataMap);
        expect(
          rules.map((r) => r.expression),
          name,
        ).toEqual(['DEPT == 1', 'DEPT == 1']);
      }
    },
    SHAPE_TIMEOUT_MS,
  );
});

describe('cancellation of a 1 MB run', () => {
  /** Starts `run`, aborts on the next turn of the event loop, and records in which order the abort and the end happened. */
  async function abortShortlyAfterStart(run: (signal: AbortSignal) => Promise<unknown>): Promise<{ err: unknown; order: string[] }> {
    const controller = new AbortController();
    const order: string[] = [];
    controller.signal.addEventListener('abort', () => order.push('abort handler'));
    const settled = run(controller.signal).then(
      () => {
        order.push('completed');
        return null;
      },
      (err: unknown) => {
        order.push('rejected');
        return err;
      },
    );
    setTimeout(() => controller.abort(), 0);
    return { err: await settled, order };
  }

  it(
    'a banner plan of 150 long groups rejects with a cancellation, the abort handled before the work ends',
    async () => {
      const counting = useProvider();
      const plan = Array.from({ length: 150 }, (_, i) => `## Group ${i}\n- ${'Sales staff in the north region (DEPT = 1) '.repeat(170)}`).join('\n');
      expect(plan.length).toBeGreaterThan(MB);
      const { err, order } = await abortShortlyAfterStart((signal) => bannerPath(plan, signal)());
      expect(isCancellation(err)).toBe(true);
      expect(order).toEqual(['abort handler', 'rejected']);
      expect(counting.calls).toBeLessThan(150);
    },
    SHAPE_TIMEOUT_MS,
  );

  it(
    'a survey of 400 long routed questions rejects with a cancellation, the abort handled before the work ends',
    async () => {
      const counting = useProvider();
      const survey = Array.from(
        { length: 400 },
        (_, i) => `### Q${i}. ${'How satisfied are you with your team? '.repeat(70)}\n[ASK IF DEPT = ${(i % 5) + 1}]`,
      ).join('\n');
      expect(survey.length).toBeGreaterThan(MB);
      const { err, order } = await abortShortlyAfterStart((signal) => surveyPath(survey, signal)());
      expect(isCancellation(err)).toBe(true);
      expect(order).toEqual(['abort handler', 'rejected']);
      expect(counting.calls).toBeLessThan(400);
    },
    SHAPE_TIMEOUT_MS,
  );

  it(
    'one megabyte-long banner column: the abort lands between the calls and the run rejects',
    async () => {
      useProvider();
      const { err, order } = await abortShortlyAfterStart((signal) => bannerPath(asBannerPlan(textShape('one long line').make(MB)), signal)());
      expect(isCancellation(err)).toBe(true);
      expect(order).toEqual(['abort handler', 'rejected']);
    },
    SHAPE_TIMEOUT_MS,
  );
});
