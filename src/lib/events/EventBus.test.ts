import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus, type PipelineEvent } from './EventBus';

const start = (runId: string) => ({ runId, stage: 'validation' as const, index: 1, total: 11, stages: [], at: 0 });

describe('EventBus', () => {
  afterEach(() => vi.restoreAllMocks());

  it('delivers typed events to named and wildcard listeners, and unsubscribes', () => {
    const bus = new EventBus();
    const named: string[] = [];
    const any: PipelineEvent[] = [];
    const off = bus.on('stage:start', (e) => named.push(e.stage));
    bus.onAny((e) => any.push(e));
    bus.emit('stage:start', start('r1'));
    off();
    bus.emit('stage:start', start('r1'));
    expect(named).toEqual(['validation']);
    expect(any.map((e) => e.type)).toEqual(['stage:start', 'stage:start']);
  });

  it('filters wildcard listeners by run', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.onAny((e) => seen.push(e.runId), 'r2');
    bus.emit('stage:start', start('r1'));
    bus.emit('stage:start', start('r2'));
    expect(seen).toEqual(['r2']);
  });

  it('isolates a throwing listener: the publisher and the other listeners carry on', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bus = new EventBus();
    const after: string[] = [];
    bus.on('stage:start', () => {
      throw new Error('listener bug');
    });
    bus.on('stage:start', (e) => after.push(e.runId));
    bus.onAny(() => {
      throw new Error('wildcard bug');
    });
    expect(() => bus.emit('stage:start', start('r3'))).not.toThrow();
    expect(after).toEqual(['r3']);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('listener bug');
  });
});
