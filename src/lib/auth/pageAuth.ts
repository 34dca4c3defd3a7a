import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAppStore } from '@/lib/db/appStore';
import { resolveAuth, type AuthContext } from '@/lib/auth';
import { SESSION_COOKIE } from './sessionCookie';
import { getAuthSettings } from './authSettings';

/** The signed-in user of a page request (session cookie or development bypass), or null. */
export async function getPageAuth(): Promise<AuthContext | null> {
  const jar = await cookies();
  return resolveAuth({ cookie: jar.get(SESSION_COOKIE)?.value }, { env: getAuthSettings(), users: (await getAppStore()).users });
}

/** The signed-in user of a page request; redirects to the sign-in page when there is none. */
export async function requirePageAuth(): Promise<AuthContext> {
  const auth = await getPageAuth();
  if (!auth) redirect('/signin');
  return auth;
}
