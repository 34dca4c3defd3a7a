/** A Content-Security-Policy header value as a map of directive name to its sources (throws on a repeated directive). */
export function parsePolicy(header: string): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (policy.has(name)) throw new Error(`directive ${name} appears twice in: ${header}`);
    policy.set(name, sources);
  }
  return policy;
}
