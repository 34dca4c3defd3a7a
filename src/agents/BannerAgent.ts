import { callModel } from '@/lib/llm/callModel';
import { PipelineInputError, throwIfAborted } from '@/lib/core/PipelineErrors';
import type { Banner, BannerGroup, DataMap } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { linesWithoutColumn } from './bannerColumnLines';
import type { LineWarning } from './bannerPlanLines';
import { readBannerPlan, type NumberedPlanSection } from './bannerPlanSections';
import { bannerAgentOutputSchema, type BannerAgentInput, type BannerAgentOutput } from './contracts/bannerAgentContract';
import { DOCUMENT_LIMITS } from './documentLimits';
import { mapWithConcurrency } from './mapWithConcurrency';
import { BANNER_SYSTEM, bannerPrompt } from './prompts/bannerPrompt';
import { getLocalSolver } from './local/localSolvers';

/** BannerAgent options: the banner file name is used in input errors. */
export interface BannerAgentOptions extends AgentOptions {
  bannerFile?: string;
}

/** A banner read from a plan, and one warning per plan line that writes a group or column but is in none of its groups. */
export interface PlanBanner extends Banner {
  warnings: string[];
}

/**
 * Reads a banner plan into banner groups: the plan is split into group sections deterministically, then one model call per
 * section returns the group label and its columns (label + the plan's description as `source`). Expressions are left empty.
 * Every line of the plan is accounted for: a line that looks like a group or column but is in no section, or whose words
 * no column read from its section holds, is named by a warning (see readBannerPlan and linesWithoutColumn).
 * A plan beyond DOCUMENT_LIMITS (groups, columns) is an input error, raised before the calls it would cost.
 * The data map is accepted for symmetry with the other agents; mapping to variables is the CrosstabAgent's job.
 */
export async function runBannerAgent(planText: string, dataMap: DataMap, opts: BannerAgentOptions = {}): Promise<PlanBanner> {
  const { signal } = opts;
  throwIfAborted(signal);
  const { sections, warnings: unread } = readBannerPlan(planText);
  const file = opts.bannerFile ?? 'banner plan';
  if (sections.length === 0) {
    // The lines that look like groups or columns say what the reader could not place.
    const unplaced = unread.length === 0 ? '' : ` (${unread.length} line${unread.length === 1 ? '' : 's'} not read: ${unread[0]!.message})`;
    throw new PipelineInputError(`${file}: no banner groups found${unplaced}`, { file: opts.bannerFile, stage: 'BannerAgent' });
  }
  if (sections.length > DOCUMENT_LIMITS.bannerGroups) {
    throw new PipelineInputError(`${file}: ${sections.length} banner groups; at most ${DOCUMENT_LIMITS.bannerGroups} are supported`, {
      file: opts.bannerFile,
      stage: 'BannerAgent',
    });
  }

  const read = await mapWithConcurrency(
    sections,
    AGENT_CONCURRENCY,
    async (section, i) => {
      const input: BannerAgentInput = { heading: section.heading, text: section.text };
      const position = `${i + 1}/${sections.length}`;
      const { object } = await callModel({
        agent: 'BannerAgent',
        solveLocally: getLocalSolver('BannerAgent'),
        task: `group ${position}`,
        system: BANNER_SYSTEM,
        prompt: bannerPrompt(input, position),
        input,
        schema: bannerAgentOutputSchema,
        signal,
      });
      return object;
    },
    signal,
  );
  const kept: BannerGroup[] = [];
  read.forEach((object, i) => {
    if (object.columns.length === 0) return;
    const groupId = `g${i + 1}`;
    kept.push({
      id: groupId,
      label: object.label,
      columns: object.columns.map((c, j) => ({ id: `${groupId}c${j + 1}`, label: c.label, expression: '', confidence: 0, source: c.source })),
    });
  });
  if (kept.length === 0) throw new PipelineInputError(`${file}: no banner columns found`, { file: opts.bannerFile, stage: 'BannerAgent' });
  const columns = kept.reduce((n, g) => n + g.columns.length, 0);
  if (columns > DOCUMENT_LIMITS.bannerColumns) {
    throw new PipelineInputError(`${file}: ${columns} banner columns; at most ${DOCUMENT_LIMITS.bannerColumns} are supported`, {
      file: opts.bannerFile,
      stage: 'BannerAgent',
    });
  }
  const warnings = [...unread, ...sections.flatMap((section, i) => groupWarnings(section, read[i]!))].sort((a, b) => a.line - b.line);
  return { groups: kept, origin: 'plan', warnings: warnings.map((w) => w.message) };
}

/** The lines of a section no column was read from; when it has none and no column was read, the group itself. */
function groupWarnings(section: NumberedPlanSection, read: BannerAgentOutput): LineWarning[] {
  const lines = linesWithoutColumn(section, read);
  if (lines.length > 0 || read.columns.length > 0) return lines;
  const line = section.lineNumbers[0] ?? 0;
  return [{ line, message: `Banner group "${section.heading ?? read.label}" (banner plan line ${line}) left out: no column was read from it` }];
}
