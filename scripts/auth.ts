/**
 * Account administration for the web app (users live in the app's store: the SQLite file at DATABASE_PATH).
 *
 *   npm run auth -- create-user --org <org> --email <email> [--role admin|analyst|viewer] [--expires 30d]
 *   npm run auth -- token --email <email> [--expires 30d]
 *
 * Prints the user's access token on stdout (and a JSON summary with --json). Use it as
 * `Authorization: Bearer <token>` or paste it on the sign-in page. Requires AUTH_SECRET.
 */
import { parseArgs } from 'node:util';
import { getWebSettings } from '@/lib/settings/webSettings';
import { authSecretProblem } from '@/lib/settings/authSecretProblem';
import { openStore } from '@/lib/db/openStore';
import { appStoreConfig } from '@/lib/db/appStore';
import { USER_ROLES, type UserRole } from '@/lib/db/userStore';
import { signToken } from '@/lib/auth/token';
import { errorMessage } from '@/lib/core/errorMessage';

const ORG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

function fail(message: string): never {
  process.stderr.write(`auth: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', default: 'analyst' },
      expires: { type: 'string', default: '30d' },
      json: { type: 'boolean', default: false },
    },
  });
  const env = getWebSettings();
  if (authSecretProblem(env.AUTH_SECRET) !== null || !env.AUTH_SECRET) fail('AUTH_SECRET must be set to at least 32 random characters (it signs the tokens)');
  const store = await openStore(appStoreConfig());
  const { users } = store;
  try {
    let user;
    if (command === 'create-user') {
      const org = values.org ?? fail('--org is required');
      const email = values.email ?? fail('--email is required');
      if (!ORG_PATTERN.test(org)) fail('--org must be lowercase letters, digits, "-" or "_" (max 63)');
      if (!EMAIL_PATTERN.test(email)) fail('--email is not an email address');
      if (!(USER_ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${USER_ROLES.join(', ')}`);
      try {
        user = await users.upsert({ orgId: org, email, role: values.role as UserRole });
      } catch (err) {
        fail(errorMessage(err));
      }
    } else if (command === 'token') {
      user = (await users.findByEmail(values.email ?? fail('--email is required'))) ?? fail('no user with that email');
    } else {
      fail('usage: auth create-user --org <org> --email <email> [--role analyst] [--expires 30d] | auth token --email <email>');
    }
    const token = await signToken({ userId: user.id, orgId: user.orgId, email: user.email, role: user.role }, env.AUTH_SECRET, values.expires);
    if (values.json) process.stdout.write(`${JSON.stringify({ userId: user.id, orgId: user.orgId, email: user.email, role: user.role, token })}\n`);
    else {
      process.stderr.write(`user ${user.email} (${user.role}) in org ${user.orgId}\n`);
      process.stdout.write(`${token}\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => fail(errorMessage(err)));
