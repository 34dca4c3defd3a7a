import type { TestProject } from 'vitest/node';
import path from 'node:path';
import { createUser, startServer } from './server';
import { writeWideSav } from './wideDataset';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    workDir: string;
    orgA: { userId: string; orgId: string; token: string };
    orgA2: { userId: string; orgId: string; token: string };
    orgB: { userId: string; orgId: string; token: string };
    maxConcurrentRuns: number;
    uploadMaxBytes: number;
    wideSavPath: string;
  }
}

const MAX_CONCURRENT_RUNS = 2;
const UPLOAD_MAX_BYTES = 16 * 1024 * 1024;

/** Start one production server for all end-to-end tests, with users in two orgs created by the auth command. */
export default async function setup(project: TestProject) {
  const server = await startServer({ MAX_CONCURRENT_RUNS: String(MAX_CONCURRENT_RUNS), UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
  project.provide('baseUrl', server.baseUrl);
  project.provide('workDir', server.workDir);
  project.provide('orgA', createUser(server.env, 'acme', 'ana@acme.test'));
  project.provide('orgA2', createUser(server.env, 'acme', 'viewer@acme.test', 'viewer'));
  project.provide('orgB', createUser(server.env, 'globex', 'bob@globex.test'));
  project.provide('maxConcurrentRuns', MAX_CONCURRENT_RUNS);
  project.provide('uploadMaxBytes', UPLOAD_MAX_BYTES);
  project.provide('wideSavPath', writeWideSav(path.join(server.workDir, 'fixtures')));
  return async () => {
    await server.stop();
  };
}
