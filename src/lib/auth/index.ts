/** Who is calling: credentials from a request, verified into an AuthContext (and the Sentry user of the request). */
export { authenticateRequest, authenticateToken, credentialsFromRequest, isCrossOriginWrite, readCookie, resolveAuth } from './authenticate';
export type { AuthDeps, Credentials } from './authenticate';
export { canRunPipelines } from './AuthContext';
export type { AuthContext } from './AuthContext';
