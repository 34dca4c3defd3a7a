import type { z } from 'zod';
import type { AgentName } from '@/lib/pipeline/types';

/** A model answered, but its structured output did not match the agent's schema. The message names paths and issue codes only, never values. */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  readonly agent: AgentName;
  constructor(agent: AgentName, zodError: z.ZodError) {
    const issues = zodError.issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.code}`)
      .join('; ');
    const more = zodError.issues.length > 5 ? ` (+${zodError.issues.length - 5} more)` : '';
    super(`${agent} output does not match its schema: ${issues}${more}`, { cause: zodError });
    this.agent = agent;
  }
}
