/** Name of the httpOnly cookie that carries the browser session token. */
export const SESSION_COOKIE = 'crosstab_session';

/** Cookie attributes for the session; `secure` when the request came over HTTPS. */
export function sessionCookieOptions(secure: boolean, expiresAt: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    expires: new Date(expiresAt),
  };
}
