import type { z } from 'zod';
import type { AgentName } from '@/lib/core/types';
import { ModelErrorCause } from './ModelErrorCause';

/**
 * A model answered, but its structured output did not match the agent's schema. The message names paths and issue codes
 * only, never values; the ZodError (whose issues may quote values) is not kept, its cause is a safe level naming it.
 */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  readonly agent: AgentName;
  constructor(agent: AgentName, zodError: z.ZodError) {
    const issues = zodError.issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.map(pathSegment).join('.') : '(root)'}: ${i.code}`)
      .join('; ');
    const more = zodError.issues.length > 5 ? ` (+${zodError.issues.length - 5} more)` : '';
    const count = zodError.issues.length;
    super(`${agent} output does not match its schema: ${issues}${more}`, {
      cause: new ModelErrorCause('ZodError', `the value does not match the schema (${count} issue${count === 1 ? '' : 's'})`),
    });
    this.agent = agent;
  }
}

/** Array indices and schema keys as they are; a key that is not an identifier (a record key from the output) is elided. */
function pathSegment(segment: PropertyKey): string {
  if (typeof segment === 'number') return String(segment);
  if (typeof segment === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(segment)) return segment;
  return '[key]';
}
