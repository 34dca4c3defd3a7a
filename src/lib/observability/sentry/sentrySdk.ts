import type * as SentryNext from '@sentry/nextjs';
import type * as SentryCore from '@sentry/core';
import { processWide } from '@/lib/core/processWide';

/**
 * The Sentry SDK as this module uses it. It is loaded only when Sentry is configured (a DSN or a Spotlight sidecar):
 * until then every path of the module is a no-op and the SDK is never imported (the proxy pattern of the OpenTelemetry
 * API). The Next.js server registers the instance it loaded itself; the CLI and tests load it through initObservability().
 */
export interface SentrySdk {
  readonly sentry: typeof SentryNext;
  readonly core: Pick<typeof SentryCore, 'Scope' | 'SPAN_STATUS_OK' | 'SPAN_STATUS_ERROR' | 'spanToJSON'>;
}

const carrier = processWide('sentrySdk', () => ({}) as { sentrySdk?: SentrySdk });

/** Make `sdk` the SDK this module uses (the one the host initialises). */
export function registerSentrySdk(sdk: SentrySdk): void {
  carrier.sentrySdk = sdk;
}

/** The registered SDK, whether or not a client is initialised yet. */
export function registeredSentry(): SentrySdk | undefined {
  return carrier.sentrySdk;
}

/**
 * A module's whole exports: through CommonJS interop a dynamic import exposes only the names a static scan found, and the
 * complete `module.exports` under `default`.
 */
function namespaceOf<T extends object>(mod: T, probe: string): T {
  const whole = (mod as { default?: T }).default;
  return whole && typeof whole === 'object' && probe in whole ? whole : mod;
}

/** Import the SDK (once) and register it. */
export async function loadSentrySdk(): Promise<SentrySdk> {
  if (carrier.sentrySdk) return carrier.sentrySdk;
  const [sentry, core] = await Promise.all([import('@sentry/nextjs'), import('@sentry/core')]);
  registerSentrySdk({ sentry: namespaceOf(sentry, 'getClient'), core: namespaceOf(core, 'spanToJSON') });
  return carrier.sentrySdk!;
}

/** The last client looked at and whether it sends somewhere (checked once per client, not once per call). */
let lastClient: unknown;
let lastClientSends = false;

/** The registered SDK, when a Sentry client is initialised with somewhere to send (a DSN or a Spotlight sidecar). */
export function activeSentry(): SentrySdk | undefined {
  const sdk = carrier.sentrySdk;
  if (!sdk) return undefined;
  try {
    const client = sdk.sentry.getClient();
    if (client === undefined) return undefined;
    if (client !== lastClient) {
      lastClient = client;
      lastClientSends = client.getDsn() !== undefined || Boolean((client.getOptions() as { spotlight?: unknown }).spotlight);
    }
    // A client in the current scope is what the SDK's isInitialized() checks: asking it again would repeat the lookup.
    return lastClientSends ? sdk : undefined;
  } catch {
    return undefined;
  }
}

/** True when Sentry is on in this process; otherwise every Sentry path is a no-op. */
export function isSentryOn(): boolean {
  return activeSentry() !== undefined;
}

/** Leave a breadcrumb on the current scope (nothing when Sentry is off). */
export function addObservabilityBreadcrumb(breadcrumb: import('@sentry/core').Breadcrumb): void {
  activeSentry()?.sentry.addBreadcrumb(breadcrumb);
}
