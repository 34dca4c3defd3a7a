import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, RAW_CONTROL, SHOWN_TAGS, hostile, hostileRun, line, logOf, shown } from './hostileLines';
import { runs, type RunsOutput } from './runsInProcess';

let tmp: string;
/** A log whose file name is itself hostile, holding a plain run and a hostile one. */
let log: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-runs-safe-'));
  log = path.join(tmp, `app${HOSTILE.replace(/\0/g, '')}.log`);
  writeFileSync(log, logOf('GET / 200', line(), hostileRun()));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Nothing the command wrote holds a raw control character (the newlines between lines excepted). */
function expectNoRawControl(out: RunsOutput): void {
  expect(out.stdout).not.toMatch(RAW_CONTROL);
  expect(out.stderr).not.toMatch(RAW_CONTROL);
}

describe('every string reaches the terminal escaped', () => {
  it('list: hostile ids, datasets and orgs are shown escaped; columns stay aligned on the escaped text', async () => {
    const out = await runs(['list', log]);
    expect(out.code, out.stderr).toBe(0);
    expectNoRawControl(out);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const tag of ['id', 'ds', 'org']) expect(lines[2]).toContain(shown(tag));
    // The `source` column starts at the same place on every row.
    expect(lines[1]!.indexOf('  cli  ')).toBe(lines[2]!.indexOf('  cli  '));
    expect(lines[0]!.indexOf('  source')).toBe(lines[2]!.indexOf('  cli  '));
  });

  it('list: a newline in a dataset cannot forge a row', async () => {
    const forged = line({ pipelineId: 'real-run', dataset: 'pulse\n1999-12-31 23:59:59  forged-run  pulse  cli  success  1.0s  0  0  $0  0  0' });
    const out = await runs(['list', '-'], { stdin: logOf(line(), forged) });
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('1999-12-31 23:59:59'))).toEqual([]);
    expect(out.stdout).toContain(String.raw`pulse\n1999-12-31 23:59:59  forged-run`);
  });

  it('show: every printed field of the line, and where it was read, is escaped', async () => {
    const out = await runs(['show', hostile('id'), log]);
    expect(out.code, out.stderr).toBe(0);
    expectNoRawControl(out);
    for (const tag of SHOWN_TAGS) expect(out.stdout, tag).toContain(shown(tag));
    expect(out.stdout).toContain(`read from ${path.join(tmp, String.raw`app\x1b]0;T\x07\x1b[2J\x9b\u202e\r\x08\x7f\u2028\n.log`)}:3`);
  });

  it('stats: stage and agent names are escaped', async () => {
    const out = await runs(['stats', log]);
    expect(out.code, out.stderr).toBe(0);
    expectNoRawControl(out);
    for (const tag of ['s1', 's2', 'ag']) expect(out.stdout, tag).toContain(shown(tag));
  });

  it('the skipped-lines note: the origin, a schema path and a version are escaped', async () => {
    const badKey = line({ pipelineId: 'bad-key', agents: { [hostile('sk')]: { calls: 'many' } } });
    const badVersion = line({ pipelineId: 'bad-version', schemaVersion: hostile('sv') });
    const out = await runs(['list', log, '-'], { stdin: logOf(badKey, badVersion) });
    expect(out.code).toBe(0);
    expectNoRawControl(out);
    const note = out.stderr.trimEnd().split('\n');
    expect(note).toHaveLength(1);
    expect(note[0]).toContain(shown('sk'));
    expect(note[0]).toContain('unknown schema version');
    expect(note[0]).toContain('schemaVersion "<sv>');
  });

  it('ambiguous, missing and filtered-out ids, bad usage and an unreadable source are escaped in their messages', async () => {
    const twins = logOf(hostileRun(`${hostile('tw')}a`), hostileRun(`${hostile('tw')}b`));
    const ambiguous = await runs(['show', '<tw>', '-'], { stdin: twins });
    expect(ambiguous.code).toBe(2);
    expectNoRawControl(ambiguous);
    expect(ambiguous.stderr).toContain(`matches 2 runs: ${shown('tw')}a, ${shown('tw')}b`);

    const missing = await runs(['show', hostile('nf'), log]);
    expect(missing.code).toBe(1);
    expectNoRawControl(missing);
    expect(missing.stderr).toContain(`no run ${shown('nf')} among the 2 runs read`);

    const filtered = await runs(['show', hostile('id'), log, '--outcome', 'success']);
    expect(filtered.code).toBe(1);
    expectNoRawControl(filtered);
    expect(filtered.stderr).toContain(`run ${shown('id')} does not match the filters`);

    const usage = await runs([log, '--since', hostile('ti')]);
    expect(usage.code).toBe(2);
    expectNoRawControl(usage);
    expect(usage.stderr).toContain(shown('ti'));

    const quiet = path.join(tmp, `quiet${HOSTILE.replace(/\0/g, '')}.log`);
    writeFileSync(quiet, 'GET / 200\n');
    const nothing = await runs([quiet]);
    expect(nothing.code).toBe(1);
    expectNoRawControl(nothing);
    expect(nothing.stderr).toContain(String.raw`quiet\x1b]0;T`);
  });
});

describe('--json stays exact JSON', () => {
  it('list, show and stats: the values parse back exactly, and no raw control character is printed', async () => {
    const list = await runs(['list', log, '--json']);
    expectNoRawControl(list);
    const rows = (JSON.parse(list.stdout) as { runs: Array<Record<string, unknown>> }).runs;
    expect(rows.map((r) => [r.runId, r.dataset, r.orgId, r.error])).toEqual([
      ['plain-run', 'plain', null, null],
      [hostile('id'), hostile('ds'), hostile('org'), `${hostile('et')}: ${hostile('em')}`],
    ]);

    const show = await runs(['show', hostile('id'), log, '--json']);
    expectNoRawControl(show);
    expect(JSON.parse(show.stdout)).toEqual(hostileRun());

    const stats = await runs(['stats', log, '--json']);
    expectNoRawControl(stats);
    const figures = JSON.parse(stats.stdout) as { stages: Array<{ name: string }>; agents: Array<{ agent: string }> };
    expect(figures.stages.map((s) => s.name)).toEqual(['validation', 'DataMapProcessor', hostile('s1'), hostile('s2')]);
    expect(figures.agents.map((a) => a.agent)).toEqual([hostile('ag')]);
  });
});
