import { describe, expect, it } from 'vitest';
import { createEventBus } from './event-bus';
import type { StoredEvent } from './store/hub-store';

const customer = (seq: number, owners: string[] = ['*']): StoredEvent => ({
  event: { seq, at: seq, kind: 'customer.upserted', customer: { id: `cus_${seq}`, name: 'x', tags: [], identities: [], createdAt: 1 } },
  positions: owners.map((owner) => ({ owner, pos: seq })),
});

describe('the event bus', () => {
  it('delivers in publish order to every listener, even when a listener publishes during a delivery', () => {
    const bus = createEventBus();
    const first: number[] = [];
    const second: number[] = [];
    bus.subscribe((e) => {
      first.push(e.seq);
      if (e.seq === 1) bus.publish(customer(2));
    });
    bus.subscribe((e) => second.push(e.seq));
    bus.publish(customer(1));
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2]);
  });

  it('a listener that throws costs the others nothing, and the publisher hears of the failure', () => {
    const bus = createEventBus();
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    bus.subscribe((e) => seen.push(e.seq));
    expect(() => bus.publish(customer(1))).toThrow('broken listener');
    expect(seen).toEqual([1]);
    // The bus is not left stuck mid-delivery.
    expect(() => bus.publish(customer(2))).toThrow('broken listener');
    expect(seen).toEqual([1, 2]);
  });

  it('tells feed listeners which feeds each event went to', () => {
    const bus = createEventBus();
    const events: number[] = [];
    const feeds: Array<[number, string[]]> = [];
    bus.subscribe((e) => events.push(e.seq));
    bus.subscribeAll((s) => feeds.push([s.event.seq, s.positions.map((p) => p.owner)]));
    bus.publish(customer(1));
    bus.publish(customer(2, ['*', 'agt_bob']));
    expect(events).toEqual([1, 2]);
    expect(feeds).toEqual([
      [1, ['*']],
      [2, ['*', 'agt_bob']],
    ]);
  });

  it('a feed advanced on another instance reaches feed readers only, never the listeners that act on events', () => {
    const bus = createEventBus();
    const acted: number[] = [];
    const read: Array<[number, boolean]> = [];
    bus.subscribe((e) => acted.push(e.seq));
    bus.subscribeAll((stored, remote) => read.push([stored.event.seq, remote]));
    bus.publish(customer(1));
    bus.advanced(customer(2));
    expect(acted).toEqual([1]);
    expect(read).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
