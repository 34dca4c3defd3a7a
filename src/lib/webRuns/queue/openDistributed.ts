import { hostname } from 'node:os';
import Redis from 'ioredis';
import type { AppStore } from '@/lib/db/openStore';
import type { EventBus } from '@/lib/events/EventBus';
import type { LineSink, SentryEventSender } from '@/lib/observability';
import type { RunWorker as RunWorkerIdentity } from '@/lib/observability/line';
import { RunExecutor, type RunPipelineFn } from '../runExecutor';
import { BullRunQueue } from './bullRunQueue';
import { DistributedOrchestrator } from './distributedOrchestrator';
import { redisOptions } from './redisConnection';
import { RunChannels } from './runChannels';

/** What a process of the distributed mode shares with the others: the store, Redis, and how it names itself. */
export interface DistributedConfig {
  store: AppStore;
  redisUrl: string;
  workerId: string;
  runPipeline: RunPipelineFn;
  bus: EventBus;
  outputRoot: string;
  /** Where this process's canonical lines go (default stdout), and how its Sentry events are sent (tests keep both). */
  lineSink?: LineSink;
  sentry?: SentryEventSender;
}

/** Redis connections of one process: commands and publishing, and the subscriber (which Redis keeps to itself). */
export interface RedisPair {
  commands: Redis;
  subscriber: Redis;
  channels: RunChannels;
  close(): Promise<void>;
}

/** Open this process's Redis connections and the channels between processes. */
export function openRedis(url: string): RedisPair {
  const commands = new Redis(redisOptions(url));
  const subscriber = new Redis(redisOptions(url));
  const channels = new RunChannels(commands, subscriber);
  return {
    commands,
    subscriber,
    channels,
    close: async () => {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
}

/** This process as run records and lines name it. */
export function workerIdentity(workerId: string): RunWorkerIdentity {
  return { id: workerId, host: hostname(), pid: process.pid };
}

/** An executor on the shared store whose every record change is announced to the other processes. */
export function sharedExecutor(config: DistributedConfig, redis: RedisPair): RunExecutor {
  return new RunExecutor({
    runPipeline: config.runPipeline,
    runs: config.store.runs,
    bus: config.bus,
    outputRoot: config.outputRoot,
    worker: workerIdentity(config.workerId),
    ...(config.lineSink ? { lineSink: config.lineSink } : {}),
    ...(config.sentry ? { sentry: config.sentry } : {}),
    onRecord: (record) => void redis.channels.publishUpdate(record.id),
  });
}

/** The orchestrator of an app instance of the distributed mode. */
export async function openDistributedApp(config: DistributedConfig): Promise<DistributedOrchestrator> {
  const redis = openRedis(config.redisUrl);
  await redis.channels.ready();
  return new DistributedOrchestrator({
    runs: config.store.runs,
    queue: new BullRunQueue(redis.commands),
    channels: redis.channels,
    executor: sharedExecutor(config, redis),
    close: () => redis.close(),
  });
}
