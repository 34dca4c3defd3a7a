/** The trace's page in Sentry, under the organisation's URL (https://<org>.sentry.io, or …/organizations/<org> self-hosted). */
export function sentryTraceUrl(orgUrl: string | null | undefined, traceId: string | undefined): string | null {
  if (!orgUrl || !traceId || !/^[0-9a-f]{32}$/.test(traceId)) return null;
  return `${orgUrl.replace(/\/+$/, '')}/explore/traces/trace/${traceId}/`;
}
