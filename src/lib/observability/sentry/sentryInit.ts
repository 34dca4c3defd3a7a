import { getObservabilitySettings, type ObservabilitySettings } from '@/lib/settings/observabilitySettings';
import { buildSentryOptions, spotlightOption } from './sentryOptions';
import { activeSentry, isSentryOn, loadSentrySdk, registeredSentry } from './sentrySdk';
import { operatorWarning } from '../warn';
import { errorMessage } from '@/lib/core/errorMessage';
import { processWide } from '@/lib/core/processWide';

/** SDK integrations this app turns off (see initObservability). */
const EXCLUDED_INTEGRATIONS: ReadonlySet<string> = new Set(['VercelAI']);

const carrier = processWide('sentryInit', () => ({}) as { sentryInit?: boolean });

/**
 * Initialise the server-side Sentry SDK from the observability settings (the Next server config and CLI runs both call this).
 * Once per process; no SENTRY_DSN (and no SENTRY_SPOTLIGHT in development) means Sentry stays off and the SDK is never
 * loaded. The SDK registered by the host (registerSentrySdk) is used, else it is imported now; with a registered SDK the
 * client is initialised before this returns its promise. An invalid observability setting is one warning and its default,
 * so a valid DSN always turns Sentry on. Resolves whether Sentry is on. Never rejects.
 */
export async function initObservability(env?: ObservabilitySettings): Promise<boolean> {
  if (carrier.sentryInit) return isSentryOn();
  let e: ObservabilitySettings;
  try {
    e = env ?? getObservabilitySettings();
  } catch (err) {
    operatorWarning(`Sentry not initialised: ${errorMessage(err)}`);
    return false;
  }
  const spotlight = spotlightOption(e.SENTRY_SPOTLIGHT, e.NODE_ENV);
  if (!e.SENTRY_DSN && spotlight === undefined) return false;
  carrier.sentryInit = true;
  try {
    const sdk = registeredSentry() ?? (await loadSentrySdk());
    sdk.sentry.init({
      ...buildSentryOptions({
        dsn: e.SENTRY_DSN,
        nodeEnv: e.NODE_ENV,
        environment: e.SENTRY_ENVIRONMENT,
        tracesSampleRate: e.SENTRY_TRACES_SAMPLE_RATE,
        spotlight: e.SENTRY_SPOTLIGHT,
      }),
      // A CLI host name can identify a person; the server name adds nothing to a pipeline run.
      includeServerName: false,
      // This module records every model call itself (metrics only, as invoke_agent and chat spans); the SDK's own AI SDK
      // instrumentation would add a second span per call carrying the prompt and the model's output.
      integrations: (defaults) => defaults.filter((integration) => !EXCLUDED_INTEGRATIONS.has(integration.name)),
    });
  } catch (err) {
    operatorWarning(`Sentry init failed: ${errorMessage(err)}`);
  }
  return isSentryOn();
}

/**
 * Wait for Sentry to deliver what it holds, at most `timeoutMs` (even if the endpoint never answers).
 * Resolves true when everything was sent, false otherwise; never rejects. Immediate when Sentry is off.
 */
export async function flushObservability(timeoutMs = 2000): Promise<boolean> {
  const sdk = activeSentry();
  if (!sdk) return true;
  const bound = Math.max(0, Number.isFinite(timeoutMs) ? timeoutMs : 0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), bound);
    timer.unref?.();
  });
  try {
    const flushed = Promise.resolve()
      .then(() => sdk.sentry.flush(bound))
      .catch(() => false);
    return await Promise.race([flushed, deadline]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
