/**
 * Canonical lines written by hand for the reader's safety tests: valid schema 3 lines whose every printed string can
 * carry terminal control sequences, and lines built to exhaust a naive reader (huge, deep, long lists).
 */

/**
 * Terminal control text: an OSC that retitles the window, a CSI that clears the screen, an 8-bit CSI (C1), a bidi
 * override, CR, BS, NUL, DEL, a line separator and a newline.
 */
export const HOSTILE = '\x1b]0;T\x07\x1b[2J\x9b\u202e\r\b\0\x7f\u2028\n';

/** HOSTILE as the reader must show it: every control as a visible escape (written out by hand, not computed). */
export const HOSTILE_SHOWN = String.raw`\x1b]0;T\x07\x1b[2J\x9b\u202e\r\x08\x00\x7f\u2028\n`;

/** Characters that must never reach a terminal raw (tab and the newline between printed lines excepted). */
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** A tagged hostile value: `<tag>` followed by HOSTILE, so each field's escape can be found in the output. */
export function hostile(tag: string): string {
  return `<${tag}>${HOSTILE}`;
}

/** How a hostile(tag) value must be shown. */
export function shown(tag: string): string {
  return `<${tag}>${HOSTILE_SHOWN}`;
}

const TOTALS = {
  stages: 2,
  agentCalls: 1,
  inputTokens: 10,
  outputTokens: 5,
  totalTokens: 15,
  cachedInputTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
  unpricedCalls: 0,
  costComplete: true,
  tokenAnomalies: 0,
  durationMs: 30,
  agentDurationMs: 5,
  tableCount: 1,
};

/** A valid schema 3 line; `over` replaces top-level fields. */
export function line(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'pipeline.run',
    schemaVersion: 4,
    pipelineId: 'plain-run',
    dataset: 'plain',
    source: 'cli',
    outcome: 'success',
    startedAt: '2025-06-01T10:00:00.000Z',
    timestamp: '2025-06-01T10:00:00.030Z',
    durationMs: 30,
    stages: [
      { name: 'validation', status: 'ok', startOffsetMs: 0, durationMs: 10 },
      { name: 'DataMapProcessor', status: 'ok', startOffsetMs: 10, durationMs: 20 },
    ],
    agents: {},
    agentCalls: [],
    totals: TOTALS,
    ...over,
  };
}

/** A failed run whose every free-text field is hostile (tags name the fields). */
export function hostileRun(id = hostile('id')): Record<string, unknown> {
  const rollup = { calls: 1, errors: 1, inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, reasoningTokens: 0, costUsd: 0, unpricedCalls: 0 };
  return line({
    pipelineId: id,
    dataset: hostile('ds'),
    orgId: hostile('org'),
    userId: hostile('usr'),
    outcome: 'error',
    startedAt: '2025-06-01T11:00:00.000Z',
    timestamp: '2025-06-01T11:00:01.000Z',
    durationMs: 1000,
    error: {
      type: hostile('et'),
      message: hostile('em'),
      stage: hostile('es'),
      causes: [{ type: hostile('ct'), message: hostile('cm') }],
    },
    warnings: {
      count: 1,
      byClassification: { [hostile('wk')]: 1 },
      dropped: 0,
      first: [{ classification: hostile('wc'), action: hostile('wa'), stage: hostile('ws'), message: hostile('wm') }],
    },
    stages: [
      { name: hostile('s1'), status: 'error', startOffsetMs: 0, durationMs: 400, error: hostile('se') },
      { name: hostile('s2'), status: 'skipped', startOffsetMs: 400, durationMs: 0, reason: hostile('sr') },
    ],
    agents: { [hostile('ag')]: { ...rollup, durationMs: 5, models: hostile('mo') } },
    agentCalls: [],
    truncated: { [hostile('tk')]: hostile('tv') },
    fallback: { reason: hostile('fb') },
  });
}

/** The tags of hostileRun's fields that `show` prints. */
export const SHOWN_TAGS = [
  'id',
  'ds',
  'org',
  'usr',
  'et',
  'em',
  'es',
  'ct',
  'cm',
  'wk',
  'wc',
  'wa',
  'ws',
  'wm',
  's1',
  's2',
  'se',
  'sr',
  'ag',
  'mo',
  'tk',
  'tv',
  'fb',
];

/** Log text: one line per value (objects as JSON), newline-terminated. */
export function logOf(...lines: Array<Record<string, unknown> | string>): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

/** A canonical line holding `depth` nested arrays in an extra field. */
export function deeplyNested(depth: number): string {
  const json = JSON.stringify(line({ pipelineId: 'deep-run' }));
  return `${json.slice(0, -1)},"nest":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** A valid canonical line with `count` stages (all named `validation` unless `distinct`). */
export function manyStages(count: number, id: string, distinct = false): string {
  const stages = Array.from({ length: count }, (_, i) => `{"name":"${distinct ? `s${i}` : 'validation'}","status":"ok","startOffsetMs":0,"durationMs":1}`);
  const json = JSON.stringify(line({ pipelineId: id, stages: [] }));
  return json.replace('"stages":[]', `"stages":[${stages.join(',')}]`);
}
