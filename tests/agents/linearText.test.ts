import { describe, expect, it } from 'vitest';
import { splitBannerPlan, splitSurvey, type PlanSection } from '@/agents';
import { isNoteHeading } from '@/agents/bannerGroupLines';
import { routingStatements } from '@/agents/routingText';
import { expandQuestionIds } from '@/agents/surveySections';
import { subgroupVariables, toVariableSummary } from '@/agents/dataMapExcerpt';
import { getLocalSolver } from '@/agents/local/localSolvers';
import { parseCondition } from '@/agents/local/conditionParser';
import { tokenizeCondition } from '@/agents/local/conditionTokens';
import { parseRange } from '@/agents/local/numericRange';
import { matchValueLabels } from '@/agents/local/valueLabelMatcher';
import { contentWords } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { VariableIndex } from '@/agents/local/variableIndex';
import { trackerDataMap } from './fixtures';

// Each input below made a parser run for minutes (or overflow the stack) before it was made linear; the per-test timeout
// is the guard, no elapsed time is asserted.
const GUARD_MS = 20_000;
const MB = 1024 * 1024;
const spaces = ' '.repeat(MB);
const index = new VariableIndex(trackerDataMap().variables.map(toVariableSummary));
const summaries = subgroupVariables(trackerDataMap());

/** The text with each run of 1,000 or more of one character shown as its length, so a failure prints short. */
const squeeze = (text: string): string => text.replace(/(.)\1{999,}/gsu, (run, c: string) => `‹${run.length} × ${JSON.stringify(c)}›`);
const squeezed = (sections: PlanSection[]) => sections.map((s) => ({ heading: s.heading === null ? null : squeeze(s.heading), text: squeeze(s.text) }));

/** Deterministic pseudo-random integers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('banner plan headings', () => {
  // The heading patterns the plan splitter used to run; on short lines they are the reference for what a heading reads as.
  const MD_HEADING = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/;
  const GROUP_LINE = /^\s*(?:\*\*)?(?:banner\s+)?(?:group|table|banner)\s*\d*\s*[:.\-–—)]\s*(.+?)(?:\*\*)?\s*$/i;
  const BOLD_LINE = /^\s*\*\*([^*]+?)\*\*\s*:?\s*$/;
  const NUMBERED = /^\s*\d+[.)]\s+(.+)$/;
  // A short line of words over a bullet list names its group.
  const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)]|[a-z][.)])\s+|^\s*\|/i;
  const plain = (line: string): string | undefined => {
    const name = line.trim().replace(/\s*:$/, '');
    const words = name.split(/\s+/).filter(Boolean).length;
    const ok =
      !/^\s|^#|^\|/.test(line) && !LIST_ITEM.test(line) && words > 0 && words <= 5 && !/[.!?;,]$/.test(name) && /\p{L}/u.test(name) && !isNoteHeading(name);
    return ok ? name : undefined;
  };
  const reference = (line: string): string | null => {
    const heading =
      MD_HEADING.exec(line)?.[1] ??
      GROUP_LINE.exec(line)?.[1] ??
      BOLD_LINE.exec(line)?.[1] ??
      (NUMBERED.test(line) && !/^\s/.test(line) ? NUMBERED.exec(line)?.[1] : undefined) ??
      plain(line);
    return heading === undefined ? null : heading.replace(/\*\*/g, '').trim();
  };

  it('read as the former patterns (and the plain-line rule) read them, on random short lines', () => {
    const next = prng(3);
    const pieces = [
      ' ',
      '  ',
      '\t',
      '#',
      '##',
      '#######',
      '**',
      '*',
      'Group',
      'group 2',
      'Table',
      'banner',
      ':',
      '.',
      ')',
      '-',
      '–',
      '1.',
      '2)',
      'Gender',
      'Age',
      'C#',
      '\u00a0',
    ];
    for (let i = 0; i < 5000; i++) {
      const line = Array.from({ length: Math.floor(next() * 7) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? '' : ' ');
      expect(splitBannerPlan(`${line}\n- item`)[0]?.heading ?? null, JSON.stringify(line)).toBe(reference(line));
    }
  });

  it('split at a lone carriage return or U+2028 as at a newline', () => {
    expect(splitBannerPlan('## Gender\r- Male\u2028- Female').map((s) => s.text)).toEqual(['- Male\n- Female']);
  });

  it(
    'are read in linear time on megabyte lines',
    () => {
      const hashes = '#'.repeat(MB);
      const cases: Array<[string, PlanSection[]]> = [
        [`# a${spaces}b`, [{ heading: `a${spaces}b`, text: '- item' }]],
        [`# a${hashes}b`, [{ heading: `a${hashes}b`, text: '- item' }]],
        [`Group: a${spaces}b`, [{ heading: `a${spaces}b`, text: '- item' }]],
        [`group${spaces}x`, [{ heading: `group${spaces}x`, text: '- item' }]],
        [`**a**${spaces}x`, [{ heading: `a${spaces}x`, text: '- item' }]],
        // Indented, so not a heading: the line is text before the first group.
        [`${spaces}x`, [{ heading: null, text: 'x\n- item' }]],
        // The header of a table grouped by its Group column, with no rows: no group; the list item after it stays.
        [`| Group |${spaces}`, [{ heading: null, text: '- item' }]],
      ];
      for (const [line, sections] of cases) {
        expect(squeezed(splitBannerPlan(`${line}\n- item`)), squeeze(line)).toEqual(squeezed(sections));
      }
      const numbered = Array.from({ length: 100_000 }, (_, i) => `${i}. item`).join('\n');
      expect(splitBannerPlan(numbered)).toHaveLength(1);
      const table = `| Group | Column |\n|---|---|\n${Array.from({ length: 50_000 }, (_, i) => `| G${i} | DEPT = ${i} |`).join('\n')}`;
      expect(splitBannerPlan(table)).toHaveLength(50_000);
    },
    GUARD_MS,
  );
});

describe('survey sections and routing', () => {
  it(
    'read question ids and routing in linear time on hostile lines',
    () => {
      expect(splitSurvey(`### ${'Q1and'.repeat(40)}Q1 x`)).toEqual([]);
      expect(splitSurvey(`### Q1${spaces}- x`).map((s) => s.questionIds)).toEqual([['Q1']]);
      expect(splitSurvey(`### Q1${spaces}x`)).toEqual([]);
      expect(splitSurvey(`Q1.${spaces}- Q2`).map((s) => s.questionIds)).toEqual([['Q1']]);
      expect(expandQuestionIds(`Q1${spaces}/ Q2`)).toEqual(['Q1', 'Q2']);
      expect(expandQuestionIds(Array.from({ length: 200_000 }, (_, i) => `Q${i}`).join('-'))).toHaveLength(200_000);
      expect(routingStatements('[ASK IF ['.repeat(100_000))).toHaveLength(1);
      expect(routingStatements(`ask if x${'*_'.repeat(MB / 2)}y`)).toHaveLength(1);
      expect(routingStatements(`${'*'.repeat(MB)}ask if x${'_'.repeat(MB)}`)).toHaveLength(1);
      expect(routingStatements(`ask Q1${'toQ1'.repeat(200_000)} x`)).toHaveLength(0);
      expect(routingStatements('[ASK IF Q1 = 1]'.repeat(100_000))).toEqual(['ASK IF Q1 = 1']);
      // Whom a question is for, in an instruction line: words, runs and parentheses the forms could backtrack over.
      expect(routingStatements(`Premium ${'s'.repeat(MB)}x who`)).toHaveLength(0);
      expect(routingStatements(`For ${'x '.repeat(MB / 2)}`)).toHaveLength(0);
      expect(routingStatements(`Those who${spaces}gave 0-6`)).toHaveLength(1);
      expect(routingStatements(`Members ${'(x = 1)'.repeat(MB / 7)}`)).toHaveLength(1);
      expect(routingStatements(`Do not ask if${' not'.repeat(MB / 4)}`)).toHaveLength(1);
    },
    GUARD_MS,
  );

  it(
    'move many trailing routing lines of a question with many ids in linear time',
    () => {
      const ids = Array.from({ length: 50_000 }, (_, i) => `Q${i}`).join('/');
      const trailing = Array.from({ length: 50_000 }, (_, i) => `[ASK IF Q${i} = 1]`).join('\n');
      const sections = splitSurvey(`### ${ids}. Many\nanswer\n${trailing}\n### Q999999. Next\n`);
      expect(sections[1]!.text.startsWith('[ASK IF Q0 = 1]')).toBe(true);
    },
    GUARD_MS,
  );

  it(
    'SkipLogicAgent rules read "ASK … IF" targets in linear time',
    () => {
      const dataQuestions = trackerDataMap().questions.map((q) => ({ id: q.id, label: q.label, variables: q.variables }));
      const out = getLocalSolver('SkipLogicAgent')({ questionIds: ['Q6'], text: `SHOW IF Q6 = 1, ASK ${'Q1and'.repeat(40)}Q1 x IF`, dataQuestions }) as {
        rules: Array<{ appliesTo: string[] }>;
      };
      expect(out.rules.map((r) => r.appliesTo)).toEqual([['Q6']]);
    },
    GUARD_MS,
  );
});

describe('local model rules on megabyte descriptions', () => {
  it(
    'parse conditions without recursion and in linear time',
    () => {
      expect(parseCondition(`${'('.repeat(MB / 2)}S1 = 1${')'.repeat(MB / 2)}`, index)?.expression).toBe('S1 == 1');
      expect(parseCondition(`${'not '.repeat(MB / 4)}S1 = 1`, index)).not.toBeNull();
      expect(parseCondition(`${'(S1 = 1 or '.repeat(MB / 11)}`, index)?.expression).toBe('S1 == 1');
      expect(parseCondition('('.repeat(MB), index)).toBeNull();
      expect(parseCondition(Array.from({ length: 300_000 }, (_, i) => `S1 = ${i}`).join(' or '), index)?.expression).toMatch(/^S1 in \(0, 1, 2, /);
      expect(parseCondition(`S1 = ${'9'.repeat(5000)}`, index)).toBeNull();
      expect(tokenizeCondition('“'.repeat(MB))).toHaveLength(MB);
    },
    GUARD_MS,
  );

  it('read an option the data lacks as an unknown variable', () => {
    expect(parseCondition('Q8 = 7', index)).toMatchObject({ expression: '', unknownVariables: ['Q8_7'] });
    expect(parseCondition('S1 = 1 or Q8 = 7', index)).toMatchObject({ expression: '', unknownVariables: ['Q8_7'] });
  });

  it(
    'read number ranges in linear time',
    () => {
      expect(parseRange('7'.repeat(MB))).toBeNull();
      expect(parseRange(`1.${'5'.repeat(MB)}`)).toBeNull();
      expect(parseRange(`aged ${'9'.repeat(400)} and over`)).toBeNull();
      expect(parseRange(`${'7'.repeat(MB)} 18 to 34`)).toEqual({ low: 18, high: 34 });
    },
    GUARD_MS,
  );

  it(
    'match value labels against a megabyte description, and many columns against a megabyte group label, in linear time',
    () => {
      const words = 'north region women aged 18 to 34 customer service '.repeat(MB / 48);
      expect(matchValueLabels(words, new WordIndex(contentWords(words)), summaries).length).toBeGreaterThan(0);
      const crosstab = getLocalSolver('CrosstabAgent')({
        group: { id: 'g1', label: words },
        columns: [
          { id: 'c1', label: 'x', source: words },
          ...Array.from({ length: 1000 }, (_, i) => ({ id: `n${i}`, label: 'x', source: `Did not contact customer service ${'('.repeat(200)}` })),
          ...Array.from({ length: 1000 }, (_, i) => ({ id: `y${i}`, label: 'x', source: `Contacted customer service (Q6 = 1) ${'('.repeat(200)}` })),
        ],
        variables: summaries,
      }) as { columns: Array<{ expression: string }> };
      expect(crosstab.columns[1]!.expression).toBe('Q6 == 2');
    },
    GUARD_MS,
  );

  it(
    'read a banner section of a megabyte line',
    () => {
      const out = getLocalSolver('BannerAgent')({ heading: `Group${spaces}: Age`, text: `- ${'Aged 18 to 34 '.repeat(MB / 14)}` }) as { columns: unknown[] };
      expect(out.columns).toHaveLength(1);
    },
    GUARD_MS,
  );
});
