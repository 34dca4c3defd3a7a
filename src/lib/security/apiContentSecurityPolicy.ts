import { serializePolicy } from './serializePolicy';

/** The Content-Security-Policy of API responses (JSON, event streams, downloads): nothing may load, run, submit or frame them. */
export const API_CONTENT_SECURITY_POLICY = serializePolicy([
  ['default-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
]);
