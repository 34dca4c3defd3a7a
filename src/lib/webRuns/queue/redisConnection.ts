import type { RedisOptions } from 'ioredis';

/**
 * ioredis options for REDIS_URL: `redis://[user:password@]host[:port][/db]`, `rediss://` (TLS), or a unix socket as
 * `unix:///path/to/redis.sock` (or the bare absolute path). `maxRetriesPerRequest: null`, as BullMQ's workers require.
 */
export function redisOptions(url: string): RedisOptions {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };
  if (url.startsWith('/')) return { ...base, path: url };
  if (url.toLowerCase().startsWith('unix://')) return { ...base, path: url.slice('unix://'.length) };
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    ...base,
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
