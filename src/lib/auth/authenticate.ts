import { setSentryUser } from '@/lib/observability';
import { getAppStore } from '@/lib/db/appStore';
import type { UserStore } from '@/lib/db/userStore';
import type { AuthContext } from '@/lib/auth/AuthContext';
import { verifyToken } from '@/lib/auth/token';
import { isAuthBypassEnabled, DEV_IDENTITY } from '@/lib/auth/bypass';
import { SESSION_COOKIE } from '@/lib/auth/sessionCookie';
import { authSecretProblem } from '@/lib/settings/authSecretProblem';
import { getAuthSettings, type AuthSettings } from '@/lib/auth/authSettings';
import { operatorLog } from '@/lib/logging/operatorLog';

/** Credentials found on a request. */
export interface Credentials {
  bearer?: string;
  cookie?: string;
}

/** What credential resolution needs (injected in tests). */
export interface AuthDeps {
  env: AuthSettings;
  users: Pick<UserStore, 'get'>;
}

let secretProblemWarned = false;

/** Verify a token and check that its user still exists in the same org; the role comes from the database. Null for any invalid token. */
export async function authenticateToken(token: string, deps: AuthDeps): Promise<Omit<AuthContext, 'via'> | null> {
  const secret = deps.env.AUTH_SECRET;
  const problem = authSecretProblem(secret);
  if (problem !== null || !secret) {
    if (!secretProblemWarned) {
      secretProblemWarned = true;
      operatorLog('auth', `${problem}: no token can be verified`);
    }
    return null;
  }
  const claims = await verifyToken(token, secret);
  if (!claims) return null;
  const user = await deps.users.get(claims.userId);
  if (!user || user.orgId !== claims.orgId) return null;
  return { userId: user.id, orgId: user.orgId, email: user.email, role: user.role };
}

/**
 * Resolve the caller: a bearer token wins, then the session cookie, then (development only) the bypass
 * identity. A presented but invalid credential never falls back to the bypass.
 */
export async function resolveAuth(creds: Credentials, deps: AuthDeps): Promise<AuthContext | null> {
  const ctx = await resolveCaller(creds, deps);
  // The request's Sentry scope knows who made it: opaque user id and org tag only, never the e-mail.
  setSentryUser(ctx ? { userId: ctx.userId, orgId: ctx.orgId } : null);
  return ctx;
}

async function resolveCaller(creds: Credentials, deps: AuthDeps): Promise<AuthContext | null> {
  if (creds.bearer !== undefined) {
    const ctx = await authenticateToken(creds.bearer, deps);
    return ctx ? { ...ctx, via: 'bearer' } : null;
  }
  if (creds.cookie !== undefined && creds.cookie !== '') {
    const ctx = await authenticateToken(creds.cookie, deps);
    if (ctx) return { ...ctx, via: 'cookie' };
  }
  return isAuthBypassEnabled(deps.env) ? DEV_IDENTITY : null;
}

/** Read one cookie from a Cookie header; a value that is not valid percent-encoding is returned as sent (it is then just an invalid token). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/** Extract credentials from a request's Authorization and Cookie headers. */
export function credentialsFromRequest(req: Request): Credentials {
  const authz = req.headers.get('authorization');
  const match = authz ? /^Bearer\s+(\S+)$/i.exec(authz) : null;
  return { bearer: match?.[1] ?? (authz ? '' : undefined), cookie: readCookie(req.headers.get('cookie'), SESSION_COOKIE) };
}

/** True when a cookie-authenticated state-changing request comes from another origin (CSRF guard). */
export function isCrossOriginWrite(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Authenticate an API request (bearer token or session cookie, or the development bypass); null means 401. */
export async function authenticateRequest(req: Request): Promise<AuthContext | null> {
  const ctx = await resolveAuth(credentialsFromRequest(req), { env: getAuthSettings(), users: (await getAppStore()).users });
  if (ctx && ctx.via !== 'bearer' && isCrossOriginWrite(req)) return null;
  return ctx;
}
