/** Shortest AUTH_SECRET that signs and verifies tokens (HS256 wants a key at least as long as its 256-bit hash). */
export const MIN_SECRET_LENGTH = 32;

/** Why tokens cannot be signed or verified with this AUTH_SECRET ("the server has no AUTH_SECRET set", …), or null when it is usable. */
export function authSecretProblem(secret: string | undefined): string | null {
  if (secret === undefined || secret === '') return 'the server has no AUTH_SECRET set';
  if (secret.length < MIN_SECRET_LENGTH) return `the server's AUTH_SECRET is shorter than ${MIN_SECRET_LENGTH} characters`;
  return null;
}
