/** A timestamp as "YYYY-MM-DD HH:MM:SS UTC": identical on server and client, so hydration never differs by locale. */
export function formatUtc(value: string | number): string {
  return `${new Date(value).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
