/** How many model calls one agent runs at once. */
export const AGENT_CONCURRENCY = 4;
