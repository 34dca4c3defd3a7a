import { describe, expect, it } from 'vitest';
import { splitBannerPlan, splitSurvey } from '@/agents';
import { getLocalSolver } from '@/agents/local/localSolvers';
import { trackerDataMap } from './fixtures';

describe('splitBannerPlan', () => {
  it('splits on markdown headings and drops prose-only sections', () => {
    const sections = splitBannerPlan('# Plan\nIntro text.\n\n## Gender\n- Male\n- Female\n\n## Age\n* Young\n* Old\n');
    expect(sections).toEqual([
      { heading: 'Gender', text: '- Male\n- Female' },
      { heading: 'Age', text: '* Young\n* Old' },
    ]);
  });

  it('understands "Group:" lines, bold lines and numbered headings over bullets', () => {
    expect(splitBannerPlan('Group: Gender\n- Male\n- Female\n**Region**\n- North\n').map((s) => s.heading)).toEqual(['Gender', 'Region']);
    expect(splitBannerPlan('1. Gender\n   - Male\n   - Female\n2. Age\n   - Young\n').map((s) => s.heading)).toEqual(['Gender', 'Age']);
  });

  it('splits a table with a Group column by group', () => {
    const plan = '| Group | Column | Definition |\n|---|---|---|\n| Gender | Male | S1 = 1 |\n| Gender | Female | S1 = 2 |\n| Region | North | REGION = 1 |';
    const sections = splitBannerPlan(plan);
    expect(sections.map((s) => s.heading)).toEqual(['Gender', 'Region']);
    expect(sections[0]!.text).toBe('| Male | S1 = 1 |\n| Female | S1 = 2 |');
  });
});

describe('splitSurvey', () => {
  it('splits on question headings and question-id lines', () => {
    const sections = splitSurvey('# Survey\n## Part A\n### Q1. First?\n1. Yes\n### REGION. Region\nQ2. Second?\n[ASK IF Q1 = 1]\n');
    expect(sections.map((s) => s.questionIds)).toEqual([['Q1'], ['REGION'], ['Q2']]);
    expect(sections[2]!.text).toContain('[ASK IF Q1 = 1]');
  });

  it('expands combined headings and carries block routing into the next question', () => {
    const sections = splitSurvey('## Service block\n[ASK IF Q6 = 1]\n### Q7-Q9. Ratings\n1. Good\n');
    expect(sections).toEqual([{ questionIds: ['Q7', 'Q8', 'Q9'], text: '[ASK IF Q6 = 1]\n### Q7-Q9. Ratings\n1. Good' }]);
  });

  it('moves routing on a question itself, written after its answers, to the next question', () => {
    const sections = splitSurvey('Q6. Contacted?\n1. Yes\n2. No\n[ASK IF Q6 = 1]\nQ7. How satisfied?\n1. Very\n');
    expect(sections[0]!.text).not.toContain('ASK IF');
    expect(sections[1]!.text.startsWith('[ASK IF Q6 = 1]')).toBe(true);
  });
});

describe('SkipLogicAgent rules: statements naming their targets', () => {
  it('applies "ASK Q7-Q8 IF" to the named questions', () => {
    const dataQuestions = trackerDataMap().questions.map((q) => ({ id: q.id, label: q.label, variables: q.variables }));
    const out = getLocalSolver('SkipLogicAgent')({ questionIds: ['Q6'], text: 'ASK Q7-Q8 IF Q6 = 1', dataQuestions }) as {
      rules: Array<{ appliesTo: string[] }>;
    };
    expect(out.rules[0]!.appliesTo).toEqual(['Q7', 'Q8']);
  });
});
