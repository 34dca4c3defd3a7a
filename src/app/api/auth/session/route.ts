import { NextResponse } from 'next/server';
import { authenticateToken } from '@/lib/auth';
import { authSecretProblem } from '@/lib/settings/authSecretProblem';
import { getAuthSettings } from '@/lib/auth/authSettings';
import { getAppStore } from '@/lib/db/appStore';
import { verifyToken } from '@/lib/auth/token';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/sessionCookie';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function isHttps(req: Request): boolean {
  return (req.headers.get('x-forwarded-proto') ?? new URL(req.url).protocol.replace(':', '')) === 'https';
}

// A relative Location keeps the browser on the host it used (the server may not know its public name).
function redirectTo(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

/**
 * Sign in: the form field (or JSON) `token` is verified and stored in the httpOnly session cookie. A server
 * without a usable AUTH_SECRET says so (503) rather than calling every token invalid.
 */
export async function POST(req: Request): Promise<Response> {
  const isJson = (req.headers.get('content-type') ?? '').includes('application/json');
  const env = getAuthSettings();
  const secretProblem = authSecretProblem(env.AUTH_SECRET);
  if (secretProblem) {
    return isJson
      ? Response.json({ error: { code: 'auth_not_configured', message: `Sign-in is unavailable: ${secretProblem}.` } }, { status: 503 })
      : redirectTo('/signin?error=secret');
  }
  let token = '';
  try {
    if (isJson) {
      const body = (await req.json()) as { token?: unknown };
      token = typeof body.token === 'string' ? body.token.trim() : '';
    } else {
      const value = (await req.formData()).get('token');
      token = typeof value === 'string' ? value.trim() : '';
    }
  } catch {
    token = '';
  }
  const auth = token ? await authenticateToken(token, { env, users: (await getAppStore()).users }) : null;
  const claims = auth && env.AUTH_SECRET ? await verifyToken(token, env.AUTH_SECRET) : null;
  if (!auth || !claims) {
    return isJson
      ? Response.json({ error: { code: 'invalid_token', message: 'That token is not valid.' } }, { status: 401 })
      : redirectTo('/signin?error=invalid');
  }
  const res = isJson ? NextResponse.json({ userId: auth.userId, orgId: auth.orgId }) : redirectTo('/');
  res.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(isHttps(req), claims.expiresAt));
  return res;
}
