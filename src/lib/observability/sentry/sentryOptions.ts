import type { Breadcrumb, ErrorEvent, Options, StreamedSpanJSON } from '@sentry/core';
import { PIPELINE_RUN_SPAN_NAME } from '../agentCalls/genAiAttributes';
import { isIdKey, isSecretKey, redactText } from '@/lib/redaction';
import { redactUnknown } from '../line/redact';

/** Inputs of the Sentry configuration (read from the validated env by the callers). */
export interface SentryConfigInput {
  dsn: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  environment?: string;
  tracesSampleRate?: number;
  /** SENTRY_SPOTLIGHT: "1"/"true" for the local sidecar's default URL, or the sidecar's URL. Ignored in production. */
  spotlight?: string;
}

/** The SDK's `spotlight` option from SENTRY_SPOTLIGHT; never on in production. */
export function spotlightOption(value: string | undefined, nodeEnv: SentryConfigInput['nodeEnv']): string | boolean | undefined {
  if (nodeEnv === 'production' || value === undefined) return undefined;
  const v = value.trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return undefined;
  return v === '1' || v.toLowerCase() === 'true' ? true : v;
}

/** Depth the SDK normalises event data to; the run's contexts need 3 (context → record → field), the rest is headroom. */
export const SENTRY_NORMALIZE_DEPTH = 6;

/** First characters of every canonical line (used to keep it out of console breadcrumbs). */
const CANONICAL_LINE_PREFIX = '{"kind":"pipeline.run"';

/** Sentry options shared by the server, edge and browser configs (and CLI runs). */
export type SharedSentryOptions = Pick<
  Options,
  | 'dsn'
  | 'enabled'
  | 'environment'
  | 'tracesSampler'
  | 'normalizeDepth'
  | 'normalizeMaxBreadth'
  | 'maxBreadcrumbs'
  | 'dataCollection'
  | 'ignoreErrors'
  | 'beforeBreadcrumb'
  | 'beforeSend'
  | 'beforeSendSpan'
  | 'sendClientReports'
> & {
  /** Server runtimes' option (not part of the core options type): forward everything to a local Spotlight sidecar. */
  spotlight?: boolean | string;
};

/** Drop console breadcrumbs that carry the canonical line (all console breadcrumbs in production); redact the rest by key and content. */
export function filterBreadcrumb(breadcrumb: Breadcrumb, production: boolean): Breadcrumb | null {
  if (breadcrumb.category === 'console') {
    if (production) return null;
    const msg = typeof breadcrumb.message === 'string' ? breadcrumb.message : '';
    if (msg.startsWith(CANONICAL_LINE_PREFIX)) return null;
  }
  return redactBreadcrumb(breadcrumb);
}

function redactBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  const out: Breadcrumb = { ...breadcrumb };
  if (typeof out.message === 'string') out.message = redactText(out.message);
  if (out.data) out.data = redactUnknown(out.data);
  return out;
}

/** Tag values redacted by content (a tag may carry a dataset or org name). */
function redactTags<T extends Record<string, unknown>>(tags: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tags)) out[k] = typeof v === 'string' && !isIdKey(k) ? redactText(v) : v;
  return out as T;
}

/**
 * Redact everything an event carries that may hold data: message, exception values (and their causes), tags, contexts,
 * extra, breadcrumbs (message and data), request headers; keep only the user's id; drop cookies and request bodies.
 */
export function scrubEvent<E extends ErrorEvent>(event: E): E {
  const out: E = { ...event };
  if (typeof out.message === 'string') out.message = redactText(out.message);
  if (out.logentry?.message !== undefined) out.logentry = { ...out.logentry, message: redactText(out.logentry.message) };
  if (out.exception?.values) {
    out.exception = { ...out.exception, values: out.exception.values.map((v) => (typeof v.value === 'string' ? { ...v, value: redactText(v.value) } : v)) };
  }
  if (out.tags) out.tags = redactTags(out.tags);
  if (out.contexts) out.contexts = redactUnknown(out.contexts);
  if (out.extra) out.extra = redactUnknown(out.extra);
  if (out.user) out.user = out.user.id === undefined ? {} : { id: out.user.id };
  if (out.breadcrumbs) out.breadcrumbs = out.breadcrumbs.map(redactBreadcrumb);
  if (out.request) {
    const request = { ...out.request };
    delete request.cookies;
    delete request.data;
    if (request.headers) request.headers = redactUnknown(request.headers);
    if (typeof request.url === 'string') request.url = redactText(request.url);
    if (typeof request.query_string === 'string') request.query_string = redactText(request.query_string);
    out.request = request;
  }
  return out;
}

/** Redact a span before it leaves: its name and every string attribute (ids kept, secret-named keys replaced). */
export function scrubSpan(span: StreamedSpanJSON): StreamedSpanJSON {
  // In place: the SDK hands over its own serialised copy, and a span can have dozens of attributes.
  const attributes = (span.attributes ?? {}) as Record<string, unknown>;
  for (const k in attributes) {
    const v = attributes[k];
    if (isSecretKey(k) && !k.startsWith('gen_ai.usage.') && !k.startsWith('crosstab.run.')) attributes[k] = '[Redacted]';
    else if (typeof v === 'string' && !isIdKey(k)) attributes[k] = redactText(v);
  }
  span.name = redactText(span.name);
  return span;
}

/**
 * The one Sentry configuration of the app. No DSN means Sentry is off. Pipeline runs are always traced
 * (they are rare and each one matters); other traces follow the sample rate (1.0 outside production, 0.2 in it).
 */
export function buildSentryOptions(input: SentryConfigInput): SharedSentryOptions {
  const production = input.nodeEnv === 'production';
  const rate = input.tracesSampleRate ?? (production ? 0.2 : 1.0);
  const spotlight = spotlightOption(input.spotlight, input.nodeEnv);
  return {
    dsn: input.dsn,
    enabled: (input.dsn !== undefined && input.dsn !== '') || spotlight !== undefined,
    ...(spotlight !== undefined ? { spotlight } : {}),
    environment: input.environment ?? input.nodeEnv,
    tracesSampler: (ctx) => (ctx.name === PIPELINE_RUN_SPAN_NAME ? 1 : ctx.inheritOrSampleWith(rate)),
    normalizeDepth: SENTRY_NORMALIZE_DEPTH,
    normalizeMaxBreadth: 1000,
    maxBreadcrumbs: 100,
    ignoreErrors: ['AbortError'],
    dataCollection: production
      ? {
          userInfo: false,
          cookies: false,
          httpHeaders: false,
          httpBodies: [],
          urlQueryParams: false,
          graphQL: { document: false, variables: false },
          genAI: { inputs: false, outputs: false },
          databaseQueryData: false,
          queues: false,
          stackFrameVariables: false,
        }
      : { genAI: { inputs: false, outputs: false }, stackFrameVariables: false, httpBodies: [], cookies: false },
    beforeBreadcrumb: (breadcrumb) => filterBreadcrumb(breadcrumb, production),
    beforeSend: (event) => scrubEvent(event),
    beforeSendSpan: (span) => scrubSpan(span),
  };
}
