/**
 * Redaction of secrets and personal data, by key and by content, in linear time. Pure functions with no Node APIs and
 * no imports of the app: every part that lets data leave the process (the wide event, Sentry hooks, output files, the
 * web API) uses it.
 */
export { redactText, TEXT_MARKERS } from './redactText';
export { isSecretKey } from './secretKey';
export { REDACTED, isIdKey, redactValue } from './redactValue';
export { registerRedactionRoot, resetRedactionRoots, relativeToRoot } from './redactionRoots';
