import type { AgentName } from '@/lib/core/types';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { solveBanner } from './solvers/bannerSolver';
import { solveBannerGenerate } from './solvers/bannerGenerateSolver';
import { solveCrosstab } from './solvers/crosstabSolver';
import { solveFilterTranslator } from './solvers/filterTranslatorSolver';
import { solveLoopPolicy } from './solvers/loopPolicySolver';
import { solveSkipLogic } from './solvers/skipLogicSolver';
import { solveVerification } from './solvers/verificationSolver';

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
