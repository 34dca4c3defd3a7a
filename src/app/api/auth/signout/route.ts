import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/sessionCookie';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sign out from a plain form: clears the session cookie and goes to the sign-in page. */
export async function POST(): Promise<Response> {
  const res = new NextResponse(null, { status: 303, headers: { Location: '/signin' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
  return res;
}
