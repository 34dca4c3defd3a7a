import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Default port of the Sentry stand-in during end-to-end tests (E2E_SENTRY_PORT overrides it). */
const DEFAULT_E2E_SENTRY_PORT = 43917;

/** Beside the build's BUILD_ID: the browser DSN the build was made with. */
const BUILD_MARKER = 'e2e-browser-dsn';

/**
 * Port of the Sentry stand-in. It is fixed, not ephemeral, because the browser's DSN (NEXT_PUBLIC_SENTRY_DSN) is
 * inlined into the bundle when the app is built.
 */
export function e2eSentryPort(): number {
  const raw = process.env.E2E_SENTRY_PORT;
  if (raw === undefined || raw.trim() === '') return DEFAULT_E2E_SENTRY_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`E2E_SENTRY_PORT must be a TCP port (1-65535), got "${raw}"`);
  return port;
}

/** The DSN the end-to-end server and browser report to (the local Sentry stand-in). */
export function e2eSentryDsn(): string {
  return `http://public@127.0.0.1:${e2eSentryPort()}/1`;
}

/** The browser DSN the production build in `<root>/.next` was made with ('' when none, undefined when unknown). */
export function builtBrowserDsn(root: string): string | undefined {
  const marker = path.join(root, '.next', BUILD_MARKER);
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || !existsSync(marker)) return undefined;
  return readFileSync(marker, 'utf8').trim();
}

/** Record the browser DSN a build was just made with. */
export function recordBuiltBrowserDsn(root: string, dsn: string): void {
  writeFileSync(path.join(root, '.next', BUILD_MARKER), `${dsn}\n`);
}
