import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setModelProvider } from '@/lib/llm';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { CrosstabTable } from '@/lib/core/types';
import { writeSavWithPspp } from '../../scripts/examples/writeSavWithPspp';
import { PSPP, parsePsppCrosstabs, psppCount, runPsppCsv, type PsppTable } from '../crosstab/psppCrosstabs';
import { RENEWAL_ROUTING, renewalQuestionnaire, renewalSurveyDataset } from '../support/renewalSurvey';
import { readJson, run, setupPipelineRuns, type Run } from './pipelineRuns';

/**
 * Routing written as whom a question is for ("Those who gave a score of 0–6 on the renewal question"), on a .sav whose
 * unasked respondents answered the routed questions anyway: each routed table's counts are PSPP's on the routed subset,
 * or the routing is a warning and the run partial.
 */
setupPipelineRuns();

const ROUTED = Object.keys(RENEWAL_ROUTING);

function psppSyntax(sav: string): string {
  const lines = ['SET TNUMBERS=VALUES TVARS=NAMES.', `GET FILE='${sav}'.`, 'COMPUTE ONE = 1.'];
  for (const v of ROUTED) lines.push('TEMPORARY.', `SELECT IF (${RENEWAL_ROUTING[v]}).`, `CROSSTABS /TABLES=${v} BY ONE /CELLS=COUNT.`);
  lines.push('CROSSTABS /TABLES=q16 BY ONE /CELLS=COUNT.');
  return [...lines, ''].join('\n');
}

describe.skipIf(!existsSync(PSPP))('a run on routing in words, where respondents who were not asked have answers', () => {
  let dir = '';
  let everyone: PsppTable;
  const routed = new Map<string, PsppTable>();
  let read: Run;
  let unreadable: Run;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'renewal-pspp-'));
    const sav = path.join(dir, 'renewal.sav');
    writeSavWithPspp(renewalSurveyDataset(), sav);
    const tables = parsePsppCrosstabs(runPsppCsv(psppSyntax(sav), dir));
    ROUTED.forEach((v, i) => routed.set(v, tables[i]!.table));
    everyone = tables[ROUTED.length]!.table;
    setModelProvider(new LocalModelProvider());
    const dataset = (name: string, survey: string) => {
      const folder = path.join(dir, name);
      mkdirSync(folder);
      writeSavWithPspp(renewalSurveyDataset(), path.join(folder, 'renewal.sav'));
      writeFileSync(path.join(folder, 'survey.md'), survey);
      return folder;
    };
    read = await run(
      dataset(
        'read',
        renewalQuestionnaire({
          q16: 'Those who gave a score of 0–6 on the renewal question.',
          q17: 'Those who gave a score of 0 to 6 on the recommend question.',
        }),
      ),
    );
    unreadable = await run(dataset('unreadable', renewalQuestionnaire({ q16: 'Members who might not renew.' })));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each routed table counts only the respondents the routing names, as PSPP does on that subset', () => {
    expect(read.result.outcome).toBe('success');
    const { tables } = readJson<{ tables: CrosstabTable[] }>(path.join(read.dir, 'tables.json'));
    for (const v of ROUTED) {
      const table = tables.find((t) => t.tableId === `t_${v}`)!;
      const ref = routed.get(v)!;
      expect(table.bases[0], `${v} base`).toBe(psppCount(ref, 'Total', '1'));
      for (const row of table.rows) expect(row.cells[0]!.count, `${v} ${row.label}`).toBe(psppCount(ref, row.id.slice(2), '1'));
      expect(table.baseLabel, v).toMatch(/^Asked if /);
    }
    // The data's own answers outnumber the routed base: a table left on everyone who answered would be wrong.
    expect(psppCount(everyone, 'Total', '1')).toBeGreaterThan(psppCount(routed.get('q16')!, 'Total', '1'));
  });

  it('routing it cannot read is a warning and the run is partial', () => {
    expect(unreadable.result.outcome).toBe('partial');
    expect(unreadable.result.warnings?.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Routing of q16 not read: "Members who might not renew\." /)]),
    );
    expect(unreadable.line.outcome).toBe('partial');
  });
});
