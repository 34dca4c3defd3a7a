import { getObservabilitySettings, type ObservabilitySettings } from '@/lib/settings/observabilitySettings';
import { getWebSettings, type WebSettings } from '@/lib/settings/webSettings';

/** What authentication reads: the runtime mode (an unknown NODE_ENV counts as production), the bypass switch and the signing secret. */
export type AuthSettings = Pick<ObservabilitySettings, 'NODE_ENV'> & Pick<WebSettings, 'AUTH_BYPASS' | 'AUTH_SECRET'>;

/** The process's authentication settings (validated once, with the rest of their parts). */
export function getAuthSettings(): AuthSettings {
  const { AUTH_BYPASS, AUTH_SECRET } = getWebSettings();
  return { NODE_ENV: getObservabilitySettings().NODE_ENV, AUTH_BYPASS, AUTH_SECRET };
}
