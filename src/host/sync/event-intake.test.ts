import { describe, expect, it } from 'vitest';
import { sampleEvents } from '../harness/fake-hub';
import { checkEvents, MAX_EVENT_BYTES } from './event-intake';

describe('checking events from the hub', () => {
  it('accepts well-formed events in order and skips repeats quietly', () => {
    const { accepted, rejected } = checkEvents([sampleEvents.message(3, 'old'), sampleEvents.message(6, 'a'), sampleEvents.message(7, 'b')], {
      cursor: 5,
      ceiling: 7,
    });
    expect(accepted.map((e) => e.seq)).toEqual([6, 7]);
    expect(rejected).toEqual([]);
  });

  it('refuses a malformed event on its own', () => {
    const broken = { ...sampleEvents.message(2, 'x'), message: { id: 'm' } };
    const { accepted, rejected } = checkEvents([sampleEvents.message(1, 'ok'), broken, 'nonsense', sampleEvents.message(3, 'ok')], {
      cursor: 0,
      ceiling: 3,
    });
    expect(accepted.map((e) => e.seq)).toEqual([1, 3]);
    expect(rejected.map((r) => [r.seq, r.reason])).toEqual([
      [2, 'malformed'],
      [null, 'malformed'],
    ]);
  });

  it('refuses impossible sequence numbers: beyond the page, unsafe, or going backwards', () => {
    const { accepted, rejected } = checkEvents(
      [sampleEvents.message(4, 'a'), sampleEvents.message(99, 'b'), sampleEvents.message(2 ** 60, 'c'), sampleEvents.message(3, 'd'), sampleEvents.message(5, 'e')],
      { cursor: 1, ceiling: 10 },
    );
    expect(accepted.map((e) => e.seq)).toEqual([4, 5]);
    expect(rejected.map((r) => r.reason)).toEqual(['impossible_seq', 'impossible_seq', 'out_of_order']);
  });

  it('refuses an oversized event before parsing it', () => {
    const huge = sampleEvents.message(1, 'x'.repeat(MAX_EVENT_BYTES + 1));
    const { accepted, rejected } = checkEvents([huge, sampleEvents.message(2, 'small')], { cursor: 0, ceiling: 2 });
    expect(accepted.map((e) => e.seq)).toEqual([2]);
    expect(rejected.map((r) => [r.seq, r.reason])).toEqual([[1, 'oversized']]);
  });

  it('still refuses an oversized event in a frame bigger than one event may be, and trusts a small frame whole', () => {
    const huge = sampleEvents.message(1, 'x'.repeat(MAX_EVENT_BYTES + 1));
    const big = checkEvents([huge, sampleEvents.message(2, 'small')], { cursor: 0, ceiling: 2, frameBytes: MAX_EVENT_BYTES + 500 });
    expect(big.rejected.map((r) => r.reason)).toEqual(['oversized']);
    const small = checkEvents([sampleEvents.message(1, 'a'), sampleEvents.message(2, 'b')], { cursor: 0, ceiling: 2, frameBytes: 2_000 });
    expect(small.accepted.map((e) => e.seq)).toEqual([1, 2]);
  });
});
