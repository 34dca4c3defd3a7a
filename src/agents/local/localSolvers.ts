import type { AgentName } from '@/lib/core/types';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { solveBanner } from './bannerSolver';
import { solveBannerGenerate } from './bannerGenerateSolver';
import { solveCrosstab } from './crosstabSolver';
import { solveFilterTranslator } from './filterTranslatorSolver';
import { solveLoopPolicy } from './loopPolicySolver';
import { solveSkipLogic } from './skipLogicSolver';
import { solveVerification } from './verificationSolver';

/** A local rule set: solves one agent task from its structured input. */
export type LocalSolver = (input: unknown, signal?: AbortSignal) => unknown;

const SOLVERS: Record<AgentName, (input: unknown) => unknown> = {
  BannerAgent: solveBanner,
  BannerGenerateAgent: solveBannerGenerate,
  CrosstabAgent: solveCrosstab,
  SkipLogicAgent: solveSkipLogic,
  FilterTranslatorAgent: solveFilterTranslator,
  VerificationAgent: solveVerification,
  LoopSemanticsPolicyAgent: solveLoopPolicy,
};

/** The local model's rules for one agent. Throws a cancellation error when the signal is already aborted. */
export function getLocalSolver(agent: AgentName): LocalSolver {
  const solve = SOLVERS[agent];
  return (input, signal) => {
    throwIfAborted(signal);
    return solve(input);
  };
}
