import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import { applyChange, covers, emptyInboxWindow, idAt, indexOf, requestFor, windowFromPage, type InboxWindow } from './inbox-window';

const conv = (id: string, at: number, patch: Partial<Conversation> = {}): Conversation => ({
  id,
  customerId: `cus_${id}`,
  channel: 'widget',
  status: 'active',
  queue: 'chat',
  assigneeId: 'agt_alice',
  priority: 0,
  tags: [],
  createdAt: 1,
  updatedAt: at,
  lastMessageAt: at,
  preview: '',
  ...patch,
});
const open = (row: { status: string }) => row.status !== 'closed';

/** Rows 10..14 of a 100-row inbox: r10 (at 90) … r14 (at 86). */
const middle = (): InboxWindow =>
  windowFromPage({ conversations: [10, 11, 12, 13, 14].map((i) => conv(`r${i}`, 100 - i)), start: 10, total: 100 }, 1);

describe('the inbox window', () => {
  it('knows which places it holds and asks for the rest by keyset from its edges, by offset only for a jump', () => {
    const w = middle();
    expect(idAt(w, 12)).toBe('r12');
    expect(indexOf(w, 'r14')).toBe(14);
    expect(covers(w, 11, 13)).toBe(true);
    expect(covers(w, 12, 20)).toBe(false);
    expect(requestFor(w, 15, 40)).toMatchObject({ after: { id: 'r14' }, before: null, limit: 26 });
    expect(requestFor(w, 0, 9)).toMatchObject({ after: null, before: { id: 'r10' }, limit: 10 });
    expect(requestFor(w, 90, 99)).toEqual({ after: null, before: null, offset: 90, limit: 10 });
  });

  it('a new message brings a row from below to the top of a window at the top, and every place shifts by one', () => {
    const top = windowFromPage({ conversations: [0, 1, 2].map((i) => conv(`r${i}`, 100 - i)), start: 0, total: 100 }, 1);
    const moved = applyChange(top, { conversation: conv('r50', 200), before: conv('r50', 50) }, open);
    expect(moved.ids).toEqual(['r50', 'r0', 'r1', 'r2']);
    expect(moved.total).toBe(100);
    expect(moved.start).toBe(0);
  });

  it('a row moving from above the window to above it again leaves the window in place; from above to inside moves it in', () => {
    const w = middle();
    expect(applyChange(w, { conversation: conv('r3', 300), before: conv('r3', 97) }, open)).toMatchObject({ start: 10, total: 100, ids: w.ids });
    const inside = applyChange(w, { conversation: conv('r3', 87.5), before: conv('r3', 97) }, open);
    expect(inside).toMatchObject({ start: 9, total: 100, ids: ['r10', 'r11', 'r12', 'r3', 'r13', 'r14'] });
  });

  it('a row that stops matching leaves the window (or the count above it); a new one below the window only counts', () => {
    const w = middle();
    const closed = applyChange(w, { conversation: conv('r12', 88, { status: 'closed' }), before: conv('r12', 88) }, open);
    expect(closed).toMatchObject({ start: 10, total: 99, ids: ['r10', 'r11', 'r13', 'r14'] });
    const closedAbove = applyChange(w, { conversation: conv('r2', 98, { status: 'closed' }), before: conv('r2', 98) }, open);
    expect(closedAbove).toMatchObject({ start: 9, total: 99, ids: w.ids });
    const below = applyChange(w, { conversation: conv('new', 1), before: null }, open);
    expect(below).toMatchObject({ start: 10, total: 101, ids: w.ids });
  });

  it('ties in the order key fall by id, as the host sorts them; the first row of an empty inbox shows', () => {
    const w = windowFromPage({ conversations: [conv('b', 5), conv('a', 5)], start: 0, total: 2 }, 1);
    expect(applyChange(w, { conversation: conv('ab', 5), before: null }, open).ids).toEqual(['b', 'ab', 'a']);
    expect(applyChange(emptyInboxWindow, { conversation: conv('x', 5), before: null }, open)).toMatchObject({ ids: ['x'], total: 1, start: 0 });
  });
});
