import { serializePolicy } from './serializePolicy';
import { sentryConnectSource } from './sentryConnectSource';

/** What a page's policy depends on: the request's nonce, the browser's Sentry DSN and whether it is a development server. */
export interface PagePolicyInput {
  nonce: string;
  /** NEXT_PUBLIC_SENTRY_DSN as inlined into the browser bundle (unset, empty or invalid: no Sentry origin). */
  browserDsn?: string;
  /** `next dev`: React needs eval for its debugging aids and the dev overlay injects styles without the nonce. */
  development?: boolean;
}

/**
 * The Content-Security-Policy of an HTML page. Scripts run only with this request's nonce (Next.js puts it on its own
 * scripts when it finds it in the request's policy) or when loaded by such a script ('strict-dynamic'); `'self'` is
 * the fallback of browsers without 'strict-dynamic'. Style sheets come from the app or carry the nonce; style
 * attributes are allowed (`style-src-attr`), since server-rendered `style=` widths of bars cannot carry a nonce.
 * Requests go to the app and to the browser DSN's origin only.
 */
export function pageContentSecurityPolicy({ nonce, browserDsn, development = false }: PagePolicyInput): string {
  const sentry = sentryConnectSource(browserDsn);
  return serializePolicy([
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'"],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(sentry ? [sentry] : [])],
    ['worker-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ]);
}
