import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { layerRules } from './eslint.layers.mjs';

/** Source files of the app and its scripts and tests (type-aware rules apply to these). */
const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'outputs/**', 'data/**', 'next-env.d.ts', 'coverage/**'] },
  {
    // Small files, one concept each.
    files: ['src/**', 'scripts/**', 'tests/**'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    // The app writes operator lines through src/lib/logging/operatorLog.ts; only CLI entry points (scripts/) use the console
    // or stderr directly.
    files: ['src/**'],
    ignores: ['src/lib/logging/operatorLog.ts', 'src/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stderr', message: 'Write operator lines with operatorLog() or terminalLine() (src/lib/logging/operatorLog.ts).' },
      ],
    },
  },
  // Layers: imports point one way (eslint.layers.mjs).
  ...layerRules(),
  {
    files: TS,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/await-thenable': 'error', '@typescript-eslint/no-floating-promises': 'off' },
  },
];
export default config;
