/**
 * Bounds on what one banner plan or survey document may ask of a run. Each banner group or routed question costs model
 * calls (time, and money with a real model) and each kilobyte costs parsing and token counting, so without bounds a
 * pasted or generated document could hold a run, and the event loop, for minutes. Real documents stay far below them.
 */
export const DOCUMENT_LIMITS = {
  /** Largest banner plan or survey document read, in bytes. */
  documentBytes: 2 * 1024 * 1024,
  /** Banner groups in a plan: one BannerAgent and one CrosstabAgent call each. */
  bannerGroups: 200,
  /** Banner columns over all groups: each is a column of every table. */
  bannerColumns: 1000,
  /** Survey questions with routing: one SkipLogicAgent call each. */
  routedQuestions: 500,
  /** Skip rules: one FilterTranslatorAgent call each. */
  skipRules: 1000,
} as const;
