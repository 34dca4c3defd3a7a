/**
 * The canonical line on its own: its schema, its generated JSON Schema and the one reader of lines. Nothing here
 * loads the Sentry SDK or a Node-only module, so the runs CLI, the web pages and the browser read lines through it.
 */
export {
  CANONICAL_KIND,
  CANONICAL_SCHEMA_VERSION,
  CanonicalLineSchema,
  canonicalLineJsonSchema,
  type AgentCallEntry,
  type AgentRollup,
  type CanonicalLine,
  type RunErrorInfo,
  type RunWorker,
  type RunTotals,
  type RunWarning,
  type RunWarnings,
  type StageRecord,
} from './canonicalSchema';
export { readCanonicalLine, MAX_NESTING, OLDEST_READABLE_VERSION, type LineReading, type LineSkipReason, type ReadLine } from './readLine';
export { MAX_LIST_ITEMS } from './oversizeList';
