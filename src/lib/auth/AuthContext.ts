import type { UserRole } from '@/lib/db/userStore';

/** Who is calling: every API route and page acts for exactly one user in one org. */
export interface AuthContext {
  userId: string;
  orgId: string;
  email: string;
  role: UserRole;
  /** How the caller was identified. */
  via: 'bearer' | 'cookie' | 'bypass';
}

/** True when the role may start and cancel runs. */
export function canRunPipelines(auth: AuthContext): boolean {
  return auth.role === 'admin' || auth.role === 'analyst';
}
