/** One CSP directive: its name, then its sources. */
export type PolicyDirective = [name: string, ...sources: string[]];

/** A Content-Security-Policy header value from its directives. */
export function serializePolicy(directives: PolicyDirective[]): string {
  return directives.map((d) => d.join(' ')).join('; ');
}
