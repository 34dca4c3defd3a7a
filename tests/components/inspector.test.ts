import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '@/lib/core/types';
import { readLine } from '@/components/inspector/lineView';
import { liveWaterfall } from '@/components/inspector/liveWaterfall';
import { sentryTraceUrl } from '@/components/inspector/sentryTraceUrl';
import { formatCount, formatMs, formatUsd } from '@/components/inspector/format';
import { runSummary } from '@/lib/webRuns/runSummary';
import { sampleLine } from '../support/sampleLine';

describe('reading a canonical line for the inspector', () => {
  const line = sampleLine();
  const view = readLine(JSON.stringify(line))!;

  it('lays the stages on one axis in start order, concurrent ones overlapping, then the stages never reached', () => {
    const rows = view.waterfall.rows;
    expect(rows.slice(0, line.stages.length).map((r) => [r.name, r.state, r.startMs, r.durationMs])).toEqual(
      line.stages.map((s) => [s.name, s.status, s.startOffsetMs, s.durationMs]),
    );
    const banner = rows.find((r) => r.name === 'BannerAgent')!;
    const tables = rows.find((r) => r.name === 'TableGenerator')!;
    expect(tables.startMs!).toBeLessThan(banner.startMs! + banner.durationMs!);
    expect(rows.map((r) => r.name).sort()).toEqual([...STAGE_NAMES].sort());
    expect(rows.filter((r) => r.state === 'not-run').map((r) => r.name)).toEqual(['FilterApplicator', 'LoopSemanticsPolicyAgent', 'ExcelExport']);
    expect(rows.find((r) => r.name === 'SkipLogicAgent')).toMatchObject({ state: 'skipped', note: 'no survey document' });
    expect(rows.find((r) => r.name === 'VerificationAgent')?.note).toBe('ModelError: rate limited');
    expect(view.waterfall.spanMs).toBe(2000);
    expect(view.waterfall.estimated).toBe(false);
  });

  it('puts each kept agent call under its stage at its offset from the run start, and says the list is capped', () => {
    const banner = view.waterfall.rows.find((r) => r.name === 'BannerAgent')!;
    expect(banner.calls.map((c) => [c.startMs, c.durationMs, c.inputTokens + c.outputTokens])).toEqual([
      [220, 140, 170],
      [365, 140, 170],
    ]);
    expect(view.waterfall.rows.find((r) => r.name === 'VerificationAgent')!.calls[0]?.costUsd).toBeNull();
    expect(view.waterfall.otherCalls).toHaveLength(1);
    expect(view.calls).toEqual({ kept: 4, total: 42 });
  });

  it('keeps the rollups, totals, warnings, error causes and trace id as the line has them', () => {
    expect(view.agents).toEqual(
      Object.entries(line.agents).map(([agent, a]) => ({
        agent,
        calls: a.calls,
        errors: a.errors,
        inputTokens: a.inputTokens,
        outputTokens: a.outputTokens,
        costUsd: a.costUsd,
        unpricedCalls: a.unpricedCalls,
        durationMs: a.durationMs,
        models: a.models,
      })),
    );
    expect(view.totals).toMatchObject({ agentCalls: 42, totalTokens: 10240, costComplete: false });
    expect(view.warnings).toEqual({
      count: 12,
      dropped: 1,
      byClassification: [
        ['agent', 10],
        ['input', 2],
      ],
      first: line.warnings!.first,
    });
    expect(view.error).toEqual(line.error);
    expect(view.traceId).toBe(line.traceId);
    expect(JSON.parse(view.pretty)).toEqual(line);
  });

  it('lays out a line without start offsets (schema 1 and 2) end to end, marked as estimated', () => {
    const old = {
      ...line,
      schemaVersion: 2,
      stages: line.stages.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })),
      warnings: undefined,
    };
    const v = readLine(JSON.stringify(old))!;
    expect(v.waterfall.estimated).toBe(true);
    expect(v.waterfall.rows.slice(0, 3).map((r) => r.startMs)).toEqual([0, 200, 210]);
    expect(v.warnings).toBeUndefined();
  });

  it('reads nothing from a missing, broken, foreign or malformed line (the one line reader refuses it)', () => {
    expect(readLine(null)).toBeNull();
    expect(readLine('{"kind":"pipeline.run"')).toBeNull();
    expect(readLine('{"kind":"other"}')).toBeNull();
    expect(readLine('[1,2]')).toBeNull();
    expect(readLine('{"kind":"pipeline.run","stages":"nope","agents":5}')).toBeNull();
    expect(readLine(JSON.stringify({ ...line, schemaVersion: 99 }))).toBeNull();
  });
});

describe('the live waterfall of a running run', () => {
  it('draws started stages at their offsets, the running one up to now, and the rest as pending', () => {
    const w = liveWaterfall(
      [
        { name: 'validation', status: 'ok', startOffsetMs: 0, durationMs: 100 },
        { name: 'DataMapProcessor', status: 'running', startOffsetMs: 100 },
      ],
      450,
    );
    expect(w.rows.slice(0, 2).map((r) => [r.name, r.state, r.startMs, r.durationMs])).toEqual([
      ['validation', 'ok', 0, 100],
      ['DataMapProcessor', 'running', 100, null],
    ]);
    expect(w.rows).toHaveLength(STAGE_NAMES.length);
    expect(w.rows.slice(2).every((r) => r.state === 'pending' && r.startMs === null)).toBe(true);
    expect(w.spanMs).toBe(450);
    expect(liveWaterfall([{ name: 'validation', status: 'ok', durationMs: 80 }], null)).toMatchObject({ estimated: true, spanMs: 80 });
  });
});

describe('run summary for the runs list', () => {
  it('takes calls, tokens, cost and warnings from the line; nothing from a missing or broken one', () => {
    expect(runSummary(JSON.stringify(sampleLine()))).toEqual({
      agentCalls: 42,
      inputTokens: 9300,
      outputTokens: 940,
      totalTokens: 10240,
      costUsd: 0.2512,
      costComplete: false,
      warnings: 12,
    });
    // Read with the same reader as every other view: a line that does not match the schema gives no figures at all.
    expect(runSummary('{"totals":{"agentCalls":3}}')).toBeNull();
    expect(runSummary(null)).toBeNull();
    expect(runSummary('not json')).toBeNull();
    expect(runSummary('{"kind":"pipeline.run"}')).toBeNull();
  });
});

describe('inspector formatting and links', () => {
  it('links a trace id to the organisation’s trace view only when both are there', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(sentryTraceUrl('https://acme.sentry.io/', id)).toBe(`https://acme.sentry.io/explore/traces/trace/${id}/`);
    expect(sentryTraceUrl('https://sentry.example.com/organizations/acme', id)).toBe(
      `https://sentry.example.com/organizations/acme/explore/traces/trace/${id}/`,
    );
    expect(sentryTraceUrl(null, id)).toBeNull();
    expect(sentryTraceUrl('https://acme.sentry.io', undefined)).toBeNull();
    expect(sentryTraceUrl('https://acme.sentry.io', '../../x')).toBeNull();
  });

  it('formats durations, counts and costs the same everywhere', () => {
    expect([formatMs(840), formatMs(2345), formatMs(71_400)]).toEqual(['840 ms', '2.35 s', '71.4 s']);
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([formatUsd(0), formatUsd(0.0012), formatUsd(1.5), formatUsd(null)]).toEqual(['$0.00', '$0.0012', '$1.50', 'unpriced']);
  });
});
