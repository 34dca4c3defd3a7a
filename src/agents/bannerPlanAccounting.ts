import { isNoteHeading } from './bannerGroupLines';
import { CONTENT, readsAsNote, unreadLineWarning, type LineLedger, type LineWarning, type PlanDraft } from './bannerPlanLines';

/**
 * The invariant of reading a banner plan: every non-empty line of the plan is used (the heading or a line of a group
 * section, a table's header or rule, a title over groups), or is a note (a line of a section left out as a title or note
 * that reads as a note; the heading of such a section, unless it sits at the level of the plan's groups and has no
 * columns), or is named by a warning. Returns those warnings, in plan order.
 */
export function unaccountedLines(lines: readonly string[], kept: readonly PlanDraft[], dropped: readonly PlanDraft[], ledger: LineLedger): LineWarning[] {
  const accounted = new Set<number>(ledger.used);
  for (const section of kept) {
    if (section.headingAt !== null) accounted.add(section.headingAt);
    for (const line of section.lines) accounted.add(line.at);
  }
  const why = new Map(ledger.unread);
  const groupLevels = new Set(kept.filter((s) => s.lines.some((l) => CONTENT.test(l.text))).map((s) => s.level));
  for (const section of dropped) {
    if (section.headingAt !== null && !accounted.has(section.headingAt)) {
      const isTitle = section.heading === null || isNoteHeading(section.heading) || !groupLevels.has(section.level);
      if (isTitle) accounted.add(section.headingAt);
      else if (!why.has(section.headingAt)) why.set(section.headingAt, 'a group heading with no columns under it');
    }
    for (const line of section.lines) if (!accounted.has(line.at) && !why.has(line.at) && readsAsNote(line.text)) accounted.add(line.at);
  }
  const warnings: LineWarning[] = [];
  lines.forEach((text, at) => {
    if (text.trim() === '' || accounted.has(at)) return;
    warnings.push(unreadLineWarning({ text, at }, why.get(at)));
  });
  return warnings;
}
