import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentCallLedger, MAX_AGENT_CALL_ENTRIES, MAX_AGENTS } from '@/lib/observability/agentCalls/agentCallLedger';
import { agentCall } from './helpers/agentCall';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** JSON text of a value: equal texts mean equal values with their keys in the same order (as the line prints them). */
const text = (value: unknown): string => JSON.stringify(value);

afterEach(() => {
  vi.useRealTimers();
});

describe('AgentCallLedger: what the line and the run summary read', () => {
  it('sums calls into per-agent and per-agent-and-model rollups, totals and per-call entries, keys in their order', () => {
    const ledger = new AgentCallLedger();
    ledger.add(
      agentCall({ agentName: 'BannerAgent', model: 'gpt-4o', startTime: T0, durationMs: 100, costUsd: 0.01, inputTokens: 1000, cachedInputTokens: 400 }),
      'BannerAgent',
    );
    ledger.add(
      agentCall({ agentName: 'CrosstabAgent', startTime: T0 + 200, durationMs: 50, status: 'error', errorType: 'ModelOutputError', reasoningTokens: 20 }),
      'CrosstabAgent',
    );
    ledger.add(
      agentCall({ agentName: 'CrosstabAgent', model: 'local', provider: 'local', startTime: T0 + 300, durationMs: 10, costUsd: null, priceSource: 'unpriced' }),
    );
    // Token counts that break the subset rules: cached above input, reasoning above output, a negative count.
    ledger.add(
      agentCall({
        agentName: 'BannerAgent',
        model: 'gpt-4o',
        startTime: T0 + 400,
        durationMs: 20,
        inputTokens: 10,
        cachedInputTokens: 50,
        outputTokens: -3,
        reasoningTokens: 5,
      }),
      'BannerAgent',
    );

    expect(text(ledger.agents())).toBe(
      text({
        BannerAgent: {
          calls: 2,
          errors: 0,
          inputTokens: 1010,
          outputTokens: 300,
          cachedInputTokens: 410,
          reasoningTokens: 0,
          costUsd: 0.01 + 0.00036,
          unpricedCalls: 0,
          durationMs: 120,
          models: 'gpt-4o',
        },
        CrosstabAgent: {
          calls: 2,
          errors: 1,
          inputTokens: 2400,
          outputTokens: 600,
          cachedInputTokens: 400,
          reasoningTokens: 20,
          costUsd: 0.00036,
          unpricedCalls: 1,
          durationMs: 60,
          models: 'gpt-4o-mini,local',
        },
      }),
    );
    expect(text(ledger.agentModels())).toBe(
      text([
        {
          agentName: 'BannerAgent',
          model: 'gpt-4o',
          calls: 2,
          inputTokens: 1010,
          outputTokens: 300,
          cachedInputTokens: 410,
          reasoningTokens: 0,
          durationMs: 120,
          costUsd: 0.01 + 0.00036,
          unpricedCalls: 0,
        },
        {
          agentName: 'CrosstabAgent',
          model: 'gpt-4o-mini',
          calls: 1,
          inputTokens: 1200,
          outputTokens: 300,
          cachedInputTokens: 200,
          reasoningTokens: 20,
          durationMs: 50,
          costUsd: 0.00036,
          unpricedCalls: 0,
        },
        {
          agentName: 'CrosstabAgent',
          model: 'local',
          calls: 1,
          inputTokens: 1200,
          outputTokens: 300,
          cachedInputTokens: 200,
          reasoningTokens: 0,
          durationMs: 10,
          costUsd: 0,
          unpricedCalls: 1,
        },
      ]),
    );
    expect(text(ledger.totals())).toBe(
      text({
        agentCalls: 4,
        inputTokens: 3410,
        outputTokens: 900,
        cachedInputTokens: 810,
        reasoningTokens: 20,
        costUsd: 0.01 + 0.00036 + 0.00036,
        unpricedCalls: 1,
        tokenAnomalies: 1,
        agentDurationMs: 180,
      }),
    );
    expect(ledger.costSoFar()).toEqual({ costUsd: 0.01 + 0.00036 + 0.00036, unpricedCalls: 1 });
    const entry = {
      provider: 'openai',
      task: 'map banner columns',
      status: 'ok',
      inputTokens: 1200,
      outputTokens: 300,
      cachedInputTokens: 200,
      reasoningTokens: 0,
    };
    expect(text(ledger.calls())).toBe(
      text([
        {
          agent: 'BannerAgent',
          model: 'gpt-4o',
          ...entry,
          inputTokens: 1000,
          cachedInputTokens: 400,
          durationMs: 100,
          costUsd: 0.01,
          priceSource: 'genai-prices@0.1.8:openai/gpt-4o-mini',
          startedAt: '2026-01-01T12:00:00.000Z',
          stage: 'BannerAgent',
        },
        {
          agent: 'CrosstabAgent',
          model: 'gpt-4o-mini',
          ...entry,
          status: 'error',
          reasoningTokens: 20,
          durationMs: 50,
          costUsd: 0.00036,
          priceSource: 'genai-prices@0.1.8:openai/gpt-4o-mini',
          startedAt: '2026-01-01T12:00:00.200Z',
          stage: 'CrosstabAgent',
          errorType: 'ModelOutputError',
        },
        {
          agent: 'CrosstabAgent',
          model: 'local',
          ...entry,
          provider: 'local',
          durationMs: 10,
          costUsd: null,
          priceSource: 'unpriced',
          startedAt: '2026-01-01T12:00:00.300Z',
        },
        {
          agent: 'BannerAgent',
          model: 'gpt-4o',
          ...entry,
          inputTokens: 10,
          outputTokens: 0,
          cachedInputTokens: 10,
          durationMs: 20,
          costUsd: 0.00036,
          priceSource: 'genai-prices@0.1.8:openai/gpt-4o-mini',
          startedAt: '2026-01-01T12:00:00.400Z',
          stage: 'BannerAgent',
        },
      ]),
    );
  });

  it('folds agents past the limit into "(other)", agent-and-model pairs past 200 into the agent\'s "(other)" model, and lists at most 20 models per agent', () => {
    const ledger = new AgentCallLedger();
    for (let a = 0; a < MAX_AGENTS + 5; a += 1) ledger.add(agentCall({ agentName: `Agent${a}`, model: 'm0' }));
    for (let m = 0; m < 200; m += 1) ledger.add(agentCall({ agentName: 'Agent0', model: `m${m}` }));
    ledger.add(agentCall({ agentName: 'Agent1', model: 'm0' }));
    ledger.add(agentCall({ agentName: 'Agent1', model: 'm-new' }));
    ledger.add(agentCall({ agentName: 'Agent54', model: 'm-other-agent' }));

    const agents = ledger.agents();
    expect(Object.keys(agents)).toEqual([...Array.from({ length: MAX_AGENTS }, (_, a) => `Agent${a}`), '(other)']);
    expect(agents['(other)']?.calls).toBe(6);
    expect(agents['(other)']?.models).toBe('m0,m-other-agent');
    expect(agents.Agent0?.models).toBe(Array.from({ length: 20 }, (_, m) => `m${m}`).join(','));
    expect(agents.Agent1?.models).toBe('m0,m-new');

    const pairs = ledger.agentModels();
    // 51 agents with m0, then Agent0's m1..m149 reach 200 pairs; later new pairs fold into their agent's "(other)" model.
    expect(pairs).toHaveLength(203);
    expect(pairs.slice(0, 51).map((p) => `${p.agentName}/${p.model}`)).toEqual([...Array.from({ length: MAX_AGENTS }, (_, a) => `Agent${a}/m0`), '(other)/m0']);
    expect(pairs.slice(51, 200).every((p, i) => p.agentName === 'Agent0' && p.model === `m${i + 1}`)).toBe(true);
    expect(pairs.slice(200).map((p) => [p.agentName, p.model, p.calls])).toEqual([
      ['Agent0', '(other)', 50],
      ['Agent1', '(other)', 1],
      ['(other)', '(other)', 1],
    ]);
    expect(pairs.find((p) => p.agentName === 'Agent0' && p.model === 'm0')?.calls).toBe(2);
  });

  it('keeps the first 100 calls as entries, each started when the call says, else when it was recorded less its duration', () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const ledger = new AgentCallLedger();
    ledger.add(agentCall({ startTime: Number.NaN, durationMs: 1500 }));
    for (let i = 1; i < MAX_AGENT_CALL_ENTRIES + 20; i += 1) ledger.add(agentCall({ startTime: T0 + i * 1000, task: `t${i}` }));
    vi.setSystemTime(T0 + 3_600_000);

    const calls = ledger.calls();
    expect(calls).toHaveLength(MAX_AGENT_CALL_ENTRIES);
    expect(calls[0]?.startedAt).toBe('2026-01-01T11:59:58.500Z');
    expect(calls[1]?.startedAt).toBe('2026-01-01T12:00:01.000Z');
    expect(calls.at(-1)).toMatchObject({ task: `t${MAX_AGENT_CALL_ENTRIES - 1}`, startedAt: new Date(T0 + (MAX_AGENT_CALL_ENTRIES - 1) * 1000).toISOString() });
    expect(ledger.totals().agentCalls).toBe(MAX_AGENT_CALL_ENTRIES + 20);
  });
});
