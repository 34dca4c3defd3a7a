/** JSON error body every API route answers with: `{ error: { code, message } }`. */
export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** 401 for a request without valid credentials. */
export function unauthorized(): Response {
  return apiError(401, 'unauthorized', 'Sign in, or send Authorization: Bearer <token>.');
}

/** 404 for a run that does not exist or belongs to another org (the two are indistinguishable). */
export function runNotFound(): Response {
  return apiError(404, 'not_found', 'No such run.');
}
