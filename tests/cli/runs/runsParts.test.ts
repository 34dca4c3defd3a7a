import { describe, expect, it } from 'vitest';
import { keptText } from '@/lib/cli/runs/keptText';
import { logLines, type LogLine } from '@/lib/cli/runs/logLines';
import { MAX_LINE_BYTES } from '@/lib/cli/runs/readLimits';
import { parseRunLine } from '@/lib/cli/runs/parseRunLine';
import { percentile } from '@/lib/cli/runs/percentile';
import { formatCost, formatMs } from '@/lib/cli/runs/runFormat';
import { parseTimeBound } from '@/lib/cli/runs/timeBound';
import { stageBar, type WaterfallRow } from '@/lib/cli/runs/waterfall';
import { WIDE_EVENT_BUDGET_BYTES } from '@/lib/observability/line/sizeBudget';

const NOW = new Date('2025-06-10T12:00:00.000Z');

/** A minimal valid schema 1 line (as the first version of the line was written). */
function v1Line(): Record<string, unknown> {
  const totals = {
    stages: 2,
    agentCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    unpricedCalls: 0,
    costComplete: true,
    tokenAnomalies: 0,
    durationMs: 30,
    agentDurationMs: 0,
    tableCount: 0,
  };
  return {
    kind: 'pipeline.run',
    schemaVersion: 1,
    pipelineId: 'old-run',
    dataset: 'd',
    source: 'cli',
    outcome: 'success',
    startedAt: '2025-06-01T10:00:00.000Z',
    timestamp: '2025-06-01T10:00:00.030Z',
    durationMs: 30,
    stages: [
      { name: 'validation', status: 'ok', durationMs: 10 },
      { name: 'DataMapProcessor', status: 'ok', durationMs: 20 },
    ],
    agents: {},
    agentCalls: [],
    totals,
  };
}

/** The lines logLines finds in `text` fed as chunks of `size` bytes. */
async function linesIn(text: string, size: number, maxBytes = MAX_LINE_BYTES): Promise<LogLine[]> {
  const bytes = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const found: LogLine[] = [];
  for await (const line of logLines(chunks, maxBytes)) found.push(line);
  return found;
}

describe('reading a log line by line', () => {
  const log = 'GET / 200\nweb-1  | {"kind":"pipeline.run","x":"Région 女性"}  \r\n{"kind":"other"}\n\n{"kind":"pipeline.run","y":2}';

  it('finds the canonical JSON after a prefix, to the end of the line, in chunks of any size; other lines are ignored', async () => {
    const expected = [
      { kind: 'canonical', json: '{"kind":"pipeline.run","x":"Région 女性"}', lineNo: 2 },
      { kind: 'canonical', json: '{"kind":"pipeline.run","y":2}', lineNo: 5 },
    ];
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) expect(await linesIn(log, size), `chunks of ${size}`).toEqual(expected);
  });

  it('drops a line longer than the limit as it goes: reported when it held the marker, ignored otherwise', async () => {
    const long = `x{"kind":"pipeline.run","d":"${'a'.repeat(100)}"}`;
    const text = `${'n'.repeat(100)}\n{"kind":"pipeline.run","ok":1}\n${long}\n{"kind":"pipeline.run","ok":2}\n${long}`;
    for (const size of [1, 5, 40, 4096])
      expect(await linesIn(text, size, 64), `chunks of ${size}`).toEqual([
        { kind: 'canonical', json: '{"kind":"pipeline.run","ok":1}', lineNo: 2 },
        { kind: 'too long', lineNo: 3 },
        { kind: 'canonical', json: '{"kind":"pipeline.run","ok":2}', lineNo: 4 },
        { kind: 'too long', lineNo: 5 },
      ]);
  });

  it('a kept text is cut to its limit with a mark, a shorter one is kept as it is', () => {
    expect(keptText('abcdef', 4)).toBe('abcd…');
    expect(keptText('abcd', 4)).toBe('abcd');
  });

  it('the longest line read holds every line the writer can write', () => {
    expect(MAX_LINE_BYTES).toBeGreaterThanOrEqual(40 * WIDE_EVENT_BUDGET_BYTES);
  });
});

describe('reading one line', () => {
  it('reads schema 1 lines with their stages laid end to end; refuses unknown versions, broken JSON and schema breaks', () => {
    const old = parseRunLine(JSON.stringify(v1Line()), 'a.log:1');
    expect(old.ok).toBe(true);
    if (old.ok) {
      expect(old.run.schemaVersion).toBe(1);
      expect(old.run.offsetsEstimated).toBe(true);
      expect(old.run.line.stages.map((s) => s.startOffsetMs)).toEqual([0, 10]);
      expect(old.run.raw).toEqual(v1Line());
    }
    for (const version of [0, 5, 99, '3', null, 2.5])
      expect(parseRunLine(JSON.stringify({ ...v1Line(), schemaVersion: version }), 'x')).toMatchObject({ ok: false, reason: 'unknown schema version' });
    expect(parseRunLine('{"kind":"pipeline.run",', 'x')).toMatchObject({ ok: false, reason: 'broken JSON' });
    expect(parseRunLine('[1]', 'x')).toMatchObject({ ok: false, reason: 'broken JSON' });
    expect(parseRunLine(JSON.stringify({ ...v1Line(), outcome: 'fine' }), 'x')).toMatchObject({
      ok: false,
      reason: 'not matching the schema',
      detail: expect.stringContaining('outcome'),
    });
  });
});

describe('time bounds', () => {
  it('reads ages before now and ISO dates; refuses anything else', () => {
    expect(parseTimeBound('2h', NOW)?.toISOString()).toBe('2025-06-10T10:00:00.000Z');
    expect(parseTimeBound('3d', NOW)?.toISOString()).toBe('2025-06-07T12:00:00.000Z');
    expect(parseTimeBound('1w', NOW)?.toISOString()).toBe('2025-06-03T12:00:00.000Z');
    expect(parseTimeBound('30m', NOW)?.toISOString()).toBe('2025-06-10T11:30:00.000Z');
    expect(parseTimeBound('2025-06-01T14:00Z', NOW)?.toISOString()).toBe('2025-06-01T14:00:00.000Z');
    expect(parseTimeBound('2025-06-01T14:00:05.250+02:00', NOW)?.toISOString()).toBe('2025-06-01T12:00:05.250Z');
    // Without a zone, local time (as a person means it).
    expect(parseTimeBound('2025-06-01', NOW)?.getTime()).toBe(new Date(2025, 5, 1).getTime());
    expect(parseTimeBound('2025-06-01 14:30', NOW)?.getTime()).toBe(new Date(2025, 5, 1, 14, 30).getTime());
    for (const bad of ['yesterday', '2h ago', '-2h', '2025-13-45', '06/01/2025', '']) expect(parseTimeBound(bad, NOW), bad).toBeUndefined();
  });
});

describe('figures', () => {
  it('percentiles are nearest-rank values', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100)).toBe(10);
  });

  it('durations and costs for people', () => {
    expect([0, 840, 12_400, 185_000, 3_720_000].map(formatMs)).toEqual(['0ms', '840ms', '12.4s', '3m05s', '1h02m']);
    expect([formatCost(0), formatCost(0.00421), formatCost(1.274), formatCost(0.5, false)]).toEqual(['$0', '$0.0042', '$1.27', '$0.5000*']);
  });

  it('a stage bar covers its time on the axis, at least one column, and a skipped stage is one dot', () => {
    const row = (startOffsetMs: number, durationMs: number, status: WaterfallRow['status'] = 'ok'): WaterfallRow => ({
      name: 's',
      status,
      startOffsetMs,
      durationMs,
      endOffsetMs: startOffsetMs + durationMs,
      agentCalls: 0,
    });
    expect(stageBar(row(0, 100), 100, 10)).toBe('██████████');
    expect(stageBar(row(50, 20), 100, 10)).toBe('     ██   ');
    expect(stageBar(row(99, 0), 100, 10)).toBe('         █');
    expect(stageBar(row(30, 0, 'skipped'), 100, 10)).toBe('   ·      ');
    expect(stageBar(row(20, 30, 'cancelled'), 100, 10)).toBe('  ░░░     ');
  });
});
