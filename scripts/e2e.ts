/**
 * End-to-end tests: browser (Playwright driving /usr/bin/chromium) and API, against `next start` in
 * production mode with a fresh database. Builds first when there is no production build.
 *
 *   npm run test:e2e            (CHROMIUM_PATH overrides the browser binary)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);

function run(args: string[]): number {
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  return res.status ?? 1;
}

if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  process.stderr.write('e2e: no production build found, running next build\n');
  const code = run([bin('next', 'dist/bin/next'), 'build']);
  if (code !== 0) process.exit(code);
}
process.exit(run([bin('vitest', 'vitest.mjs'), 'run', '--config', 'vitest.e2e.config.mts', ...process.argv.slice(2)]));
