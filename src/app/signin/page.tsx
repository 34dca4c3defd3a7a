import type { Metadata } from 'next';
import { authSecretProblem } from '@/lib/settings/authSecretProblem';
import { getAuthSettings } from '@/lib/auth/authSettings';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

/**
 * Sign-in: paste an access token (from `npm run auth -- create-user ...`); it is kept in an httpOnly session cookie.
 * A server without a usable AUTH_SECRET (possible outside production only) says so instead of taking tokens.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const secretProblem = authSecretProblem(getAuthSettings().AUTH_SECRET);
  const problem = secretProblem !== null || Boolean(error);
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <form className="card" action="/api/auth/session" method="post">
        <label className="field">
          <span>Access token</span>
          <textarea
            name="token"
            rows={4}
            required
            spellCheck={false}
            autoComplete="off"
            data-testid="token-input"
            {...(problem ? { 'aria-invalid': true, 'aria-describedby': 'signin-error' } : {})}
          />
        </label>
        {secretProblem ? (
          <p className="alert error" role="alert" id="signin-error" data-testid="secret-problem">
            Sign-in is unavailable: {secretProblem}, so no token can be verified. Set AUTH_SECRET to at least 32 random characters and restart the server.
          </p>
        ) : (
          error && (
            <p className="alert error" role="alert" id="signin-error">
              That token is not valid or has expired.
            </p>
          )
        )}
        <button type="submit" className="primary" data-testid="sign-in">
          Sign in
        </button>
      </form>
      <p className="muted small">
        An administrator creates your account and token with <code>npm run auth -- create-user --org &lt;org&gt; --email &lt;email&gt;</code>.
      </p>
    </div>
  );
}
