import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/sessionCookie';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sign out from a plain form: clears the session cookie and goes to the sign-in page. */
export async function POST(req: Request): Promise<Response> {
  const res = NextResponse.redirect(new URL('/signin', req.url), 303);
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
  return res;
}
