/** The seven agents and their result types; the only way into src/agents. */
export { runBannerAgent, type BannerAgentOptions, type PlanBanner } from './BannerAgent';
export { runBannerGenerateAgent, MAX_GENERATED_GROUPS } from './BannerGenerateAgent';
export { runCrosstabAgent, type CrosstabAgentOptions, type CrosstabAgentResult } from './CrosstabAgent';
export { runSkipLogicAgent } from './SkipLogicAgent';
export { runFilterTranslatorAgent } from './FilterTranslatorAgent';
export { runVerificationAgent, applyReview } from './VerificationAgent';
export { runLoopSemanticsPolicyAgent, type LoopPolicy } from './LoopSemanticsPolicyAgent';
export type { AgentOptions } from './agentOptions';
export { mapWithConcurrency } from './mapWithConcurrency';
export { readBannerPlan, splitBannerPlan, type BannerPlanReading, type PlanSection } from './bannerPlanSections';
export { splitSurvey, type SurveySection } from './surveySections';
