/**
 * The app's layers, lowest first. A file may import its own layer and the layers below it, never one above: imports
 * point one way. Enforced by eslint.config.mjs with no-restricted-imports; scripts/ and tests/ sit above everything.
 */
export const LAYERS = [
  { name: 'core', dirs: ['src/lib/core'] },
  {
    name: 'base services',
    dirs: ['src/lib/redaction', 'src/lib/logging', 'src/lib/fs', 'src/lib/filters', 'src/lib/settings', 'src/lib/errors', 'src/lib/security'],
  },
  { name: 'domain services', dirs: ['src/lib/sav', 'src/lib/events', 'src/lib/db', 'src/lib/observability', 'src/lib/crosstab'] },
  { name: 'model layer', dirs: ['src/lib/llm'] },
  { name: 'agents', dirs: ['src/agents'] },
  { name: 'pipeline', dirs: ['src/lib/pipeline', 'src/lib/cli', 'src/lib/auth', 'src/lib/env.ts', 'src/lib/tracing.ts'] },
  { name: 'web runs', dirs: ['src/lib/webRuns'] },
  { name: 'app', dirs: ['src/app', 'src/components', 'src/instrumentation.ts', 'src/instrumentation-client.ts', 'src/proxy.ts'] },
];

/** The `@/…` import patterns of a source folder or file. */
function importPatterns(dir) {
  const alias = `@/${dir.slice('src/'.length).replace(/\.ts$/, '')}`;
  return dir.endsWith('.ts') ? [alias] : [alias, `${alias}/*`];
}

/** One ESLint config entry per layer forbidding imports from every layer above it. */
export function layerRules() {
  return LAYERS.slice(0, -1).map((layer, i) => {
    const above = LAYERS.slice(i + 1);
    return {
      files: layer.dirs.map((d) => (d.endsWith('.ts') ? d : `${d}/**`)),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: above.map((upper) => ({
              group: upper.dirs.flatMap(importPatterns),
              message: `${layer.name} sits below ${upper.name}: imports point down the layers (see eslint.layers.mjs).`,
            })),
          },
        ],
      },
    };
  });
}
