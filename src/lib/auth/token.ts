// Tokens are JWTs signed with HS256 through `jose`: a small, audited, zero-dependency library built
// on the JOSE standards (RFC 7515/7519) and Web Crypto, so the same code verifies tokens in Node and
// in edge runtimes, with no hand-rolled crypto.
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { USER_ROLES, type UserRole } from '@/lib/db/userStore';
import { MIN_SECRET_LENGTH } from '@/lib/settings/authSecretProblem';

const ISSUER = 'crosstab';
const AUDIENCE = 'crosstab-api';
const ALG = 'HS256';
/** Longest token looked at; real ones are a few hundred characters, anything longer is refused unparsed. */
const MAX_TOKEN_LENGTH = 4096;

/** Claims carried by an access token. */
export interface TokenClaims {
  userId: string;
  orgId: string;
  email: string;
  role: UserRole;
}

function key(secret: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  return new TextEncoder().encode(secret);
}

/** Sign an access token for a user; `expiresIn` is a jose time span such as "30d" or "2h". */
export async function signToken(claims: TokenClaims, secret: string, expiresIn = '30d'): Promise<string> {
  return new SignJWT({ org: claims.orgId, email: claims.email, role: claims.role })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/**
 * Verify signature, issuer, audience and expiry; returns the claims and expiry, or null for any invalid token,
 * whatever its shape. Throws only for a secret too short to verify with.
 */
export async function verifyToken(token: string, secret: string): Promise<(TokenClaims & { expiresAt: number }) | null> {
  const k = key(secret);
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, k, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] }));
  } catch {
    // The token is hostile input: whatever jose throws on it (JOSEError or not) means "not a valid token".
    return null;
  }
  const { sub, org, email, role, exp } = payload;
  if (typeof sub !== 'string' || typeof org !== 'string' || typeof email !== 'string') return null;
  if (typeof role !== 'string' || !(USER_ROLES as readonly string[]).includes(role)) return null;
  if (typeof exp !== 'number') return null;
  return { userId: sub, orgId: org, email, role: role as UserRole, expiresAt: exp * 1000 };
}
