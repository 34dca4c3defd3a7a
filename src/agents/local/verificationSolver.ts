import { verificationInputSchema, type VerificationOutput, type VerificationInput } from '@/agents/contracts/verificationAgentContract';
import { scaleNets } from '@/agents/scales';
import { sentenceCase } from '@/agents/textMatching';
import { isNonAnswerLabel } from '@/lib/core/nonAnswerLabel';

/** Fewer answers than this make a table low-value. */
export const LOW_BASE_THRESHOLD = 30;
const ADMIN_FIELD =
  /\b(respondent|record|case|interview|panel(?:ist)?|employee)\s*(id|number|no\.?)\b|\binterviewer\b|\b(start|end|completion|submission|interview)\s*(date|time)\b|\btimestamp\b|\b(interview|survey)\s+(duration|length)\b|\buser agent\b|\bip address\b|\b(completion|interview|record)\s+status\b|\bquota\b|\bweight(ing)?\s+(factor|variable)\b/i;
const ADMIN_NAME = /^(id|resp_?id|record|uuid|status|wave|weight|wt|duration|start_?time|end_?time|date|device|quota|interviewer|int_?date)\d*$/i;

/** Local rules for VerificationAgent: tidy the title, add scale NETs, flag low bases and admin fields. */
export function solveVerification(raw: unknown): VerificationOutput {
  const input = verificationInputSchema.parse(raw);
  const notes: string[] = [];

  const title = tidyTitle(input);
  if (title !== input.table.title) notes.push(`Title tidied (was "${input.table.title}")`);

  const nets: VerificationOutput['nets'] = [];
  const first = input.variables[0];
  const hasNets = input.table.rows.some((r) => r.isNet);
  if (first && input.table.kind !== 'multi' && !hasNets) {
    // The scale's points: rows of "Don't know", "Refused"… are not on it (a 0-10 scale with a 99 is still 0-10).
    const rowCodes = input.table.rows
      .filter((r) => !isNonAnswerLabel(r.label))
      .flatMap((r) => r.codes)
      .filter((c): c is number => typeof c === 'number');
    for (const net of scaleNets(first, input.questionLabel, rowCodes)) {
      if (net.codes.every((c) => rowCodes.includes(c))) {
        nets.push({ ...net, match: 'label' });
        notes.push(`Added ${net.label} (codes ${net.codes.join(', ')})`);
      }
    }
  }

  let lowValue = false;
  const answered = input.variables.length > 0 ? Math.max(...input.variables.map((v) => v.answered)) : 0;
  if (answered < LOW_BASE_THRESHOLD) {
    lowValue = true;
    notes.push(`Low value: only ${answered} respondents answered (fewer than ${LOW_BASE_THRESHOLD})`);
  }
  const admin = input.variables.find((v) => ADMIN_NAME.test(v.name) || ADMIN_FIELD.test(v.label));
  if (admin) {
    lowValue = true;
    notes.push(`Low value: ${admin.name} is an administrative field`);
  }
  const realRows = input.table.rows.filter((r) => !r.isNet);
  if (input.table.kind !== 'numeric' && realRows.length < 2) {
    lowValue = true;
    notes.push('Low value: fewer than two answer rows');
  }
  return { title, nets, lowValue, notes };
}

/** "Q3: HOW SATISFIED...? [ASK IF Q2 = 1]" → "Q3: How satisfied...?" (question id + sentence-case label, routing removed; the title's own "." or ":" separator kept). */
function tidyTitle(input: VerificationInput): string {
  const qid = input.table.questionId;
  const raw = input.table.title.trim() || input.questionLabel.trim() || qid;
  let body = raw
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\((?:ask|show|base|if|only|programmer|note)[^)]*\)/gi, ' ')
    .replace(/\s*\b(?:ask (?:if|only|all|those)|show if|display if|base\s*:|programmer note\s*:).*$/i, '')
    .replace(new RegExp(`^\\s*${escapeRegExp(qid)}\\s*[.:)\\-–—]\\s*`, 'i'), '')
    .replace(/^\s*[A-Z]{1,4}\d+[A-Za-z0-9_]*\s*[.:)\-–—]\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!body && input.questionLabel.trim() && input.questionLabel.trim() !== raw) body = input.questionLabel.trim();
  const separator = new RegExp(`^\\s*${escapeRegExp(qid)}\\s*\\.`, 'i').test(raw) ? '. ' : ': ';
  return body ? `${qid}${separator}${sentenceCase(body)}` : qid;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
