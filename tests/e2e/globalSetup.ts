import type { TestProject } from 'vitest/node';
import path from 'node:path';
import { EnvelopeServer } from '../support/envelopeServer';
import { createUser, startServer } from './server';
import { builtBrowserDsn, e2eSentryDsn, e2eSentryPort } from './sentryDsn';
import { writeWideSav } from './wideDataset';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    workDir: string;
    orgA: { userId: string; orgId: string; token: string };
    orgA2: { userId: string; orgId: string; token: string };
    orgB: { userId: string; orgId: string; token: string };
    /** E-mail addresses of the users above (they must never reach Sentry). */
    userEmails: string[];
    maxConcurrentRuns: number;
    uploadMaxBytes: number;
    wideSavPath: string;
    /** SENTRY_ORG_URL of the server: run pages link trace ids under it. */
    sentryOrgUrl: string;
    /** Base URL of the Sentry stand-in the server and the browser report to (GET /__received lists what it got). */
    sentryUrl: string;
  }
}

const MAX_CONCURRENT_RUNS = 2;
/** Run pages link trace ids under this organisation URL (nothing is fetched from it). */
const SENTRY_ORG_URL = 'https://acme.sentry.example';
const UPLOAD_MAX_BYTES = 16 * 1024 * 1024;
const ROOT = path.resolve(__dirname, '..', '..');

/** Start the Sentry stand-in and one production server for all end-to-end tests, with users in two orgs created by the auth command. */
export default async function setup(project: TestProject) {
  const dsn = e2eSentryDsn();
  const built = builtBrowserDsn(ROOT);
  if (built !== dsn) {
    throw new Error(
      `the production build was not made with NEXT_PUBLIC_SENTRY_DSN=${dsn} (found ${built ?? 'none recorded'}); run the tests with npm run test:e2e, which builds it`,
    );
  }
  let sentry: EnvelopeServer;
  try {
    sentry = await EnvelopeServer.start('ok', e2eSentryPort());
  } catch (err) {
    throw new Error(
      `cannot start the Sentry stand-in on 127.0.0.1:${e2eSentryPort()} (${err instanceof Error ? err.message : String(err)}); set E2E_SENTRY_PORT to a free port (the app is then rebuilt for it)`,
    );
  }
  const server = await startServer({
    MAX_CONCURRENT_RUNS: String(MAX_CONCURRENT_RUNS),
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    SENTRY_DSN: dsn,
    SENTRY_TRACES_SAMPLE_RATE: '1',
    SENTRY_ORG_URL: SENTRY_ORG_URL,
  }).catch(async (err: unknown) => {
    await sentry.close();
    throw err;
  });
  const users = {
    orgA: ['acme', 'ana@acme.test', 'analyst'],
    orgA2: ['acme', 'viewer@acme.test', 'viewer'],
    orgB: ['globex', 'bob@globex.test', 'analyst'],
  } as const;
  for (const [key, [org, email, role]] of Object.entries(users) as Array<[keyof typeof users, (typeof users)[keyof typeof users]]>) {
    project.provide(key, createUser(server.env, org, email, role));
  }
  project.provide(
    'userEmails',
    Object.values(users).map(([, email]) => email),
  );
  project.provide('baseUrl', server.baseUrl);
  project.provide('workDir', server.workDir);
  project.provide('maxConcurrentRuns', MAX_CONCURRENT_RUNS);
  project.provide('uploadMaxBytes', UPLOAD_MAX_BYTES);
  project.provide('wideSavPath', writeWideSav(path.join(server.workDir, 'fixtures')));
  project.provide('sentryOrgUrl', SENTRY_ORG_URL);
  project.provide('sentryUrl', `http://127.0.0.1:${sentry.port}`);
  return async () => {
    await server.stop();
    await sentry.close();
  };
}
