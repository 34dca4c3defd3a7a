import { callModel } from '@/lib/llm/callModel';
import { tryFilterVariables } from '@/lib/filters';
import { PipelineInputError, throwIfAborted } from '@/lib/core/PipelineErrors';
import type { Banner, BannerColumn, BannerGroup, DataMap } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { crosstabAgentOutputSchema, type CrosstabAgentInput, type CrosstabAgentOutput } from './contracts/crosstabAgentContract';
import { subgroupVariables, variableNameSet } from './dataMapExcerpt';
import { mapWithConcurrency } from './mapWithConcurrency';
import { CROSSTAB_SYSTEM, crosstabPrompt } from './prompts/crosstabPrompt';
import { getLocalSolver } from './local/localSolvers';
import { describeMatch, isDoubtful } from './matchKind';
import { accountForText } from './accounting/accountForText';
import { surveyAnswerTexts, type AnswerText } from './surveyAnswers';

/** CrosstabAgent options: the banner file name is used in input errors; the survey document's answer texts name categories too. */
export interface CrosstabAgentOptions extends AgentOptions {
  bannerFile?: string;
  surveyText?: string | null;
}

/** The mapped banner plus one warning per dropped column or group. */
export interface CrosstabAgentResult {
  banner: Banner;
  warnings: string[];
}

/**
 * Maps every banner column without an expression to a filter expression over the data map, one model call per group.
 * Columns whose description names a variable the data lacks end the run with a PipelineInputError naming the banner file;
 * columns with confidence 0 (or no expression), whose mapping is doubtful (a partial match or a guess: see matchKind), or
 * whose filter does not account for every number and label their words name (see accountForText), are dropped with a
 * warning saying what was not covered, as are groups left with no columns.
 * Groups whose columns all have expressions already (a generated banner) are kept without a call.
 */
export async function runCrosstabAgent(banner: Banner, dataMap: DataMap, opts: CrosstabAgentOptions = {}): Promise<CrosstabAgentResult> {
  const { signal } = opts;
  throwIfAborted(signal);
  const variables = subgroupVariables(dataMap);
  const known = variableNameSet(dataMap);
  const answerTexts = opts.surveyText ? surveyAnswerTexts(opts.surveyText, variables) : [];
  const warnings: string[] = [];

  const mapped = await mapWithConcurrency(
    banner.groups,
    AGENT_CONCURRENCY,
    async (group, i): Promise<BannerGroup> => {
      const todo = group.columns.filter((c) => c.expression.trim() === '');
      if (todo.length === 0) return group;
      const input: CrosstabAgentInput = {
        group: { id: group.id, label: group.label },
        columns: todo.map((c) => ({ id: c.id, label: c.label, source: c.source ?? c.label })),
        variables,
        answerTexts,
      };
      const position = `${i + 1}/${banner.groups.length}`;
      const { object } = await callModel({
        agent: 'CrosstabAgent',
        solveLocally: getLocalSolver('CrosstabAgent'),
        task: `group ${position}`,
        system: CROSSTAB_SYSTEM,
        prompt: crosstabPrompt(input, position),
        input,
        schema: crosstabAgentOutputSchema,
        signal,
      });
      return { ...group, columns: applyMappings(group, object, { known, variables, answerTexts, bannerFile: opts.bannerFile }, warnings) };
    },
    signal,
  );

  const groups = mapped.filter((g) => {
    if (g.columns.length > 0) return true;
    warnings.push(`Banner group "${g.label}" dropped: none of its columns could be mapped to the data`);
    return false;
  });
  // Only the banner's own fields: a plan banner's reading warnings were the BannerAgent's to report.
  return { banner: { groups, origin: banner.origin }, warnings };
}

/** What a group's mappings are checked against. */
interface MappingContext {
  known: ReadonlySet<string>;
  variables: CrosstabAgentInput['variables'];
  answerTexts: readonly AnswerText[];
  bannerFile: string | undefined;
}

function applyMappings(group: BannerGroup, output: CrosstabAgentOutput, context: MappingContext, warnings: string[]): BannerColumn[] {
  const { known, bannerFile } = context;
  const kept: BannerColumn[] = [];
  const mappings = new Map<string, CrosstabAgentOutput['columns'][number]>();
  for (const m of output.columns) if (!mappings.has(m.id)) mappings.set(m.id, m);
  for (const column of group.columns) {
    if (column.expression.trim() !== '') {
      kept.push(column);
      continue;
    }
    const mapping = mappings.get(column.id);
    const description = column.source ?? column.label;
    // Text that is not valid filter syntax names nothing here; the computation reports the syntax error.
    const parsed = tryFilterVariables(mapping?.expression ?? '');
    const parses = parsed !== null;
    const used = parsed ?? [];
    const named = [...(mapping?.referencedVariables ?? []), ...used];
    for (const name of named) {
      if (known.has(name.toLowerCase())) continue;
      if (namesWord(description, name) || namesWord(column.label, name)) {
        const file = bannerFile ?? 'banner plan';
        throw new PipelineInputError(`${file}: column "${column.label}" refers to variable ${name}, which is not in the data`, {
          file: bannerFile,
          stage: 'CrosstabAgent',
        });
      }
    }
    const invented = used.filter((n) => !known.has(n.toLowerCase()));
    if (!mapping || mapping.confidence <= 0 || mapping.expression.trim() === '' || invented.length > 0) {
      const why = invented.length > 0 ? `the mapping used unknown variable ${invented.join(', ')}` : (mapping?.reason ?? 'no mapping returned');
      warnings.push(`Banner column "${column.label}" (group "${group.label}") dropped: ${why}`);
      continue;
    }
    // A doubtful mapping would stand for the wrong respondents under the plan's own label: it is reported, never used.
    if (isDoubtful(mapping.match, mapping.confidence)) {
      warnings.push(`Banner column "${column.label}" (group "${group.label}") dropped: ${describeMatch(mapping.match)} (${mapping.reason}), not used`);
      continue;
    }
    // Whatever matched, the filter must account for every number and label the column's words name, and select nothing
    // else (text that is not filter syntax is left to the computation, which reports the syntax error).
    const texts = [...new Set([column.label, description])];
    const coverage = parses
      ? accountForText({ texts, expression: mapping.expression, variables: context.variables, answerTexts: context.answerTexts, context: group.label })
      : null;
    if (coverage && !coverage.covered) {
      warnings.push(`Banner column "${column.label}" (group "${group.label}") dropped: a partial match (${coverage.problems.join('; ')}), not used`);
      continue;
    }
    kept.push({ ...column, expression: mapping.expression, confidence: mapping.confidence });
  }
  return kept;
}

function namesWord(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`, 'i').test(text);
}
