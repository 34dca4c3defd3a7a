import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (`npm test`). The project is CommonJS, so Vite bundles this file to load it (its default);
 * the npm scripts silence Vite's notice that a future native loader would need ESM (VITE_CONFIG_NATIVE_IGNORE_WARNING).
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname, 'src') } },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
