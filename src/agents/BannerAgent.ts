import { callModel } from '@/lib/llm/callModel';
import { PipelineInputError, throwIfAborted } from '@/lib/core/PipelineErrors';
import type { Banner, BannerGroup, DataMap } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { splitBannerPlan } from './bannerPlanSections';
import { bannerAgentOutputSchema, type BannerAgentInput } from './contracts/bannerAgentContract';
import { DOCUMENT_LIMITS } from './documentLimits';
import { mapWithConcurrency } from './mapWithConcurrency';
import { BANNER_SYSTEM, bannerPrompt } from './prompts/bannerPrompt';
import { getLocalSolver } from './local/localSolvers';

/** BannerAgent options: the banner file name is used in input errors. */
export interface BannerAgentOptions extends AgentOptions {
  bannerFile?: string;
}

/**
 * Reads a banner plan into banner groups: the plan is split into group sections deterministically, then one model call per
 * section returns the group label and its columns (label + the plan's description as `source`). Expressions are left empty.
 * A plan beyond DOCUMENT_LIMITS (groups, columns) is an input error, raised before the calls it would cost.
 * The data map is accepted for symmetry with the other agents; mapping to variables is the CrosstabAgent's job.
 */
export async function runBannerAgent(planText: string, dataMap: DataMap, opts: BannerAgentOptions = {}): Promise<Banner> {
  const { signal } = opts;
  throwIfAborted(signal);
  const sections = splitBannerPlan(planText);
  const file = opts.bannerFile ?? 'banner plan';
  if (sections.length === 0) throw new PipelineInputError(`${file}: no banner groups found`, { file: opts.bannerFile, stage: 'BannerAgent' });
  if (sections.length > DOCUMENT_LIMITS.bannerGroups) {
    throw new PipelineInputError(`${file}: ${sections.length} banner groups; at most ${DOCUMENT_LIMITS.bannerGroups} are supported`, {
      file: opts.bannerFile,
      stage: 'BannerAgent',
    });
  }

  const groups = await mapWithConcurrency(
    sections,
    AGENT_CONCURRENCY,
    async (section, i): Promise<BannerGroup | null> => {
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
      if (object.columns.length === 0) return null;
      const groupId = `g${i + 1}`;
      return {
        id: groupId,
        label: object.label,
        columns: object.columns.map((c, j) => ({ id: `${groupId}c${j + 1}`, label: c.label, expression: '', confidence: 0, source: c.source })),
      };
    },
    signal,
  );
  const kept = groups.filter((g): g is BannerGroup => g !== null);
  if (kept.length === 0) throw new PipelineInputError(`${file}: no banner columns found`, { file: opts.bannerFile, stage: 'BannerAgent' });
  const columns = kept.reduce((n, g) => n + g.columns.length, 0);
  if (columns > DOCUMENT_LIMITS.bannerColumns) {
    throw new PipelineInputError(`${file}: ${columns} banner columns; at most ${DOCUMENT_LIMITS.bannerColumns} are supported`, {
      file: opts.bannerFile,
      stage: 'BannerAgent',
    });
  }
  return { groups: kept, origin: 'plan' };
}
