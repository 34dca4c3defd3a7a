import type { AuthSettings } from './authSettings';
import type { AuthContext } from './AuthContext';
import { operatorLog } from '@/lib/logging/operatorLog';

/** The fixed identity used when the development bypass is on. */
export const DEV_IDENTITY: AuthContext = {
  userId: 'dev-user',
  orgId: 'dev-org',
  email: 'dev@localhost',
  role: 'admin',
  via: 'bypass',
};

let warned = false;

/**
 * Whether requests without credentials act as DEV_IDENTITY. On by default in development, off by
 * default in test, and always off in production whatever AUTH_BYPASS says.
 */
export function isAuthBypassEnabled(env: Pick<AuthSettings, 'NODE_ENV' | 'AUTH_BYPASS'>): boolean {
  const requested = env.AUTH_BYPASS === undefined ? undefined : env.AUTH_BYPASS === '1' || env.AUTH_BYPASS === 'true';
  if (env.NODE_ENV === 'production') {
    if (requested && !warned) {
      warned = true;
      operatorLog('auth', 'AUTH_BYPASS is ignored in production: every request must carry a valid token');
    }
    return false;
  }
  if (env.NODE_ENV === 'development') return requested ?? true;
  return requested ?? false;
}
