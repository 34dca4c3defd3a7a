/**
 * End-to-end tests: browser (Playwright driving /usr/bin/chromium) and API, against `next start` in
 * production mode with a fresh database, with the server and the browser reporting to a local Sentry stand-in.
 * Builds first when there is no production build, or when the build was not made with the stand-in's browser DSN
 * (NEXT_PUBLIC_SENTRY_DSN is inlined into the browser bundle at build time).
 *
 *   npm run test:e2e            (CHROMIUM_PATH overrides the browser binary, E2E_SENTRY_PORT the stand-in's port)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { builtBrowserDsn, e2eSentryDsn, recordBuiltBrowserDsn } from '../tests/e2e/sentryDsn';

const root = path.resolve(__dirname, '..');
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);

function run(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  return res.status ?? 1;
}

const dsn = e2eSentryDsn();
const built = builtBrowserDsn(root);
if (built !== dsn) {
  process.stderr.write(
    `e2e: ${built === undefined ? 'no production build for the tests' : `the build reports to ${built || 'no DSN'}`}; running next build with NEXT_PUBLIC_SENTRY_DSN=${dsn}\n`,
  );
  const code = run([bin('next', 'dist/bin/next'), 'build'], { ...process.env, NEXT_PUBLIC_SENTRY_DSN: dsn });
  if (code !== 0) process.exit(code);
  recordBuiltBrowserDsn(root, dsn);
}
process.exit(
  run([bin('vitest', 'vitest.mjs'), 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
    ...process.env,
    VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
  }),
);
