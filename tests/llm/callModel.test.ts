import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { callModel } from '@/lib/llm/callModel';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { ModelCallError } from '@/lib/llm/ModelCallError';
import { ModelOutputError } from '@/lib/llm/ModelOutputError';
import { countTokens } from '@/lib/llm/tokenizer';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { getAgentMetrics, resetAgentMetrics } from '@/lib/observability/AgentMetrics';
import { captureAgentCalls, inTestRun } from '../support/agentCalls';
import { getEventBus, resetEventBus, type PipelineEvent } from '@/lib/events/EventBus';
import { PipelineCancelledError, isCancellation } from '@/lib/core/PipelineErrors';

let recorded: ReturnType<typeof captureAgentCalls>;

const Answer = z.object({ columns: z.array(z.object({ id: z.string(), expression: z.string() })) });
type Answer = z.infer<typeof Answer>;

function request(overrides: Partial<ModelCallRequest<Answer>> = {}): ModelCallRequest<Answer> {
  return {
    agent: 'CrosstabAgent',
    task: 'group 1/2',
    system: 'Map banner columns to filter expressions.',
    prompt: 'Columns: Women, Men. Variables: Q1 (Gender: 1=Man, 2=Woman).',
    input: { columns: ['Women', 'Men'] },
    schema: Answer,
    ...overrides,
  };
}

const solved: Answer = {
  columns: [
    { id: 'women', expression: 'Q1 == 2' },
    { id: 'men', expression: 'Q1 == 1' },
  ],
};

function collectEvents(runId: string): PipelineEvent[] {
  const events: PipelineEvent[] = [];
  getEventBus().onAny((e) => events.push(e), runId);
  return events;
}

beforeEach(() => {
  resetAgentMetrics();
  recorded = captureAgentCalls();
  resetEventBus();
  resetModelProvider();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  resetModelProvider();
});

describe('callModel with the local model', () => {
  it('returns the validated object and records exactly one call with real token counts and events', async () => {
    const solve = vi.fn(() => {
      vi.setSystemTime(Date.now() + 42);
      return solved;
    });
    setModelProvider(new LocalModelProvider({ solve }));
    const events = collectEvents('run-1');

    const result = await inTestRun('run-1', () => callModel(request()));

    expect(result.object).toEqual(solved);
    expect(result.provider).toBe('local');
    expect(result.model).toBe('local-rules-v1');
    expect(result.durationMs).toBe(42);
    expect(solve).toHaveBeenCalledWith('CrosstabAgent', { columns: ['Women', 'Men'] }, undefined);

    const req = request();
    const expectedInput = countTokens(`${req.system}\n${req.prompt}`);
    const expectedOutput = countTokens(JSON.stringify(solved));
    expect(result.usage).toEqual({ inputTokens: expectedInput, outputTokens: expectedOutput, cachedInputTokens: 0, reasoningTokens: 0 });

    const calls = recorded.byRun('run-1');
    expect(calls).toHaveLength(1);
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(calls[0]).toEqual({
      agentName: 'CrosstabAgent',
      model: 'local-rules-v1',
      provider: 'local',
      task: 'group 1/2',
      inputTokens: expectedInput,
      outputTokens: expectedOutput,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      startTime: start,
      endTime: start + 42,
      durationMs: 42,
      costUsd: 0,
      priceSource: 'local (free)',
      status: 'ok',
    });
    // The record never carries prompt text or model output.
    const serialized = JSON.stringify(calls[0]);
    expect(serialized).not.toContain('Women');
    expect(serialized).not.toContain('Q1 == 2');

    expect(events.map((e) => [e.type, 'status' in e ? e.status : undefined])).toEqual([
      ['agent:progress', 'start'],
      ['agent:progress', 'done'],
      ['cost:update', undefined],
    ]);
    expect(events[1]).toMatchObject({ runId: 'run-1', agent: 'CrosstabAgent', task: 'group 1/2', durationMs: 42 });
    expect(events[2]).toMatchObject({ runId: 'run-1', model: 'local-rules-v1', costUsd: 0, totalCostUsd: 0, unpriced: 0 });
  });

  it('accumulates run cost totals and unpriced calls in cost:update', async () => {
    // 1M input tokens of gpt-4o-mini at the library's published $0.15 per million.
    const cost = 0.15;
    const priced: ModelProvider = {
      name: 'openai',
      model: 'gpt-4o-mini',
      generate: async <T>() => ({ object: solved as T, usage: { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 } }),
    };
    const unpriced: ModelProvider = { ...priced, name: 'azure', model: 'my-deployment', priced: false, generate: priced.generate };
    const costs: Array<{ costUsd: number | null; totalCostUsd: number; unpriced: number }> = [];
    getEventBus().on('cost:update', (e) => costs.push({ costUsd: e.costUsd, totalCostUsd: e.totalCostUsd, unpriced: e.unpriced }));

    await inTestRun('run-c', async () => {
      setModelProvider(priced);
      await callModel(request());
      await callModel(request());
      setModelProvider(unpriced);
      await callModel(request());
    });
    expect(costs).toHaveLength(3);
    expect(costs[0]?.costUsd).toBeCloseTo(cost, 10);
    expect(costs[1]?.totalCostUsd).toBeCloseTo(2 * cost, 10);
    expect(costs[2]).toMatchObject({ costUsd: null, unpriced: 1 });
    expect(costs[2]?.totalCostUsd).toBeCloseTo(2 * cost, 10);
    expect(recorded.byRun('run-c')[2]).toMatchObject({ model: 'my-deployment', costUsd: null, priceSource: 'unpriced' });
  });

  it('records a failing call with status error and throws a safe error of the same type', async () => {
    class SolverBroke extends Error {}
    const boom = new SolverBroke('no rule for this input');
    setModelProvider(
      new LocalModelProvider({
        solve: () => {
          throw boom;
        },
      }),
    );
    const events = collectEvents('run-2');

    const err = await inTestRun('run-2', () => callModel(request())).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ModelCallError);
    expect(err).toMatchObject({ name: 'SolverBroke', agent: 'CrosstabAgent', provider: 'local', model: 'local-rules-v1' });
    expect((err as Error).message).not.toContain('no rule for this input');
    // The stack still points at where the solver threw.
    expect((err as Error).stack).toContain('callModel.test.ts');
    const calls = recorded.byRun('run-2');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'error', errorType: 'SolverBroke', inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(events.filter((e) => e.type === 'agent:progress').map((e) => ('status' in e ? e.status : ''))).toEqual(['start', 'error']);
  });

  it('treats output that fails the schema as an error, recorded with the tokens spent', async () => {
    setModelProvider(new LocalModelProvider({ solve: () => ({ columns: [{ id: 'women' }] }) }));
    const err = await inTestRun('run-3', () => callModel(request())).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ModelOutputError);
    expect((err as Error).message).toContain('columns.0.expression');
    const calls = recorded.byRun('run-3');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe('error');
    expect(calls[0]?.errorType).toBe('ModelOutputError');
    expect(calls[0]?.outputTokens).toBe(countTokens(JSON.stringify({ columns: [{ id: 'women' }] })));
  });

  it('throws a cancellation error for an aborted signal without calling the provider or recording', async () => {
    const generate = vi.fn();
    setModelProvider({ name: 'openai', model: 'gpt-4o-mini', generate });
    const controller = new AbortController();
    controller.abort();

    const err = await inTestRun('run-4', () => callModel(request({ signal: controller.signal }))).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(PipelineCancelledError);
    expect(isCancellation(err)).toBe(true);
    expect(generate).not.toHaveBeenCalled();
    expect(recorded.byRun('run-4')).toHaveLength(0);
  });

  it('passes the signal to the local solver and stops when it aborts mid-call', async () => {
    const controller = new AbortController();
    setModelProvider(
      new LocalModelProvider({
        solve: (_agent, _input, signal) => {
          expect(signal).toBe(controller.signal);
          controller.abort();
          return solved;
        },
      }),
    );
    const err = await inTestRun('run-5', () => callModel(request({ signal: controller.signal }))).catch((e: unknown) => e);
    expect(isCancellation(err)).toBe(true);
    expect(recorded.byRun('run-5')).toMatchObject([{ status: 'error', errorType: 'AbortError' }]);
  });

  it('records outside a run without publishing events', async () => {
    setModelProvider(new LocalModelProvider({ solve: () => solved }));
    const seen: PipelineEvent[] = [];
    getEventBus().onAny((e) => seen.push(e));
    await callModel(request());
    expect(recorded.outsideRuns()).toHaveLength(1);
    expect(seen).toHaveLength(0);
  });

  it('never lets a failing metrics collector reach the agent', async () => {
    setModelProvider(new LocalModelProvider({ solve: () => solved }));
    const spy = vi.spyOn(getAgentMetrics(), 'record').mockImplementation(() => {
      throw new Error('collector down');
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = await inTestRun('run-6', () => callModel(request()));
    expect(result.object).toEqual(solved);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(stderr).toHaveBeenCalled();
    stderr.mockRestore();
  });
});
