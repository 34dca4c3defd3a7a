/** Options every agent accepts. */
export interface AgentOptions {
  signal?: AbortSignal;
}
