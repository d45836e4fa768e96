import type { InboxCursor, InboxRowState } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import { compareInboxKeys, inboxKeyOf, type InboxKey } from '../../shared/domain/inbox-order';

/**
 * The part of the inbox the renderer holds: a run of rows from the host's SQL (cache/inbox-pages.ts)
 * at a known place in the whole filtered inbox, and how many rows the inbox has in all. The list
 * virtualizes over `total`; rows outside the window are asked for as the agent scrolls, and changes
 * arrive as deltas that move, add or drop one row (and shift the window's place) without a reload.
 */
export interface InboxWindow {
  /** Place of ids[0] in the whole filtered inbox. */
  start: number;
  ids: string[];
  keys: InboxKey[];
  total: number;
  /** Bumped when the filter changes or the inbox is reset: an answer for an older generation is dropped. */
  generation: number;
}

export const emptyInboxWindow: InboxWindow = { start: 0, ids: [], keys: [], total: 0, generation: 0 };

export const windowEnd = (w: InboxWindow): number => w.start + w.ids.length;

export function windowFromPage(page: { conversations: Conversation[]; start: number; total: number }, generation: number): InboxWindow {
  return { start: page.start, ids: page.conversations.map((c) => c.id), keys: page.conversations.map(inboxKeyOf), total: page.total, generation };
}

/** The id at a place in the whole inbox, if the window holds it. */
export const idAt = (w: InboxWindow, index: number): string | undefined => (index >= w.start ? w.ids[index - w.start] : undefined);

/** The place of a row in the whole inbox, or -1 when the window does not hold it. */
export function indexOf(w: InboxWindow, id: string | null): number {
  if (id === null) return -1;
  const i = w.ids.indexOf(id);
  return i < 0 ? -1 : w.start + i;
}

/** Whether the window holds every row from `from` to `to` (inclusive, clamped to the inbox). */
export function covers(w: InboxWindow, from: number, to: number): boolean {
  const a = Math.max(0, from);
  const b = Math.min(w.total - 1, to);
  return b < a || (a >= w.start && b < windowEnd(w));
}

export interface WindowRequest {
  after: InboxCursor | null;
  before: InboxCursor | null;
  offset: number;
  limit: number;
}

/**
 * How to ask for rows `from`..`to`: by keyset from a row the window holds just above or below the range
 * (a scroll continues where the window ends), by offset only for a jump (End, a dragged scrollbar).
 */
export function requestFor(w: InboxWindow, from: number, to: number): WindowRequest {
  const a = Math.max(0, from);
  const limit = Math.max(1, to - a + 1);
  const above = a - 1 - w.start;
  if (above >= 0 && above < w.keys.length) return { after: w.keys[above]!, before: null, offset: 0, limit };
  const below = to + 1 - w.start;
  if (below >= 0 && below < w.keys.length && to + 1 - limit >= 0) return { after: null, before: w.keys[below]!, offset: 0, limit };
  return { after: null, before: null, offset: a, limit };
}

export interface InboxChangeInput {
  conversation: Conversation;
  before: InboxRowState | null;
}

/**
 * Applies one change from the host. `shown` is the inbox filter (inbox-query.ts `matchesInbox`):
 * the same rule the host's SQL applies, so a row is counted where the next window read would put it.
 */
export function applyChange(w: InboxWindow, change: InboxChangeInput, shown: (row: InboxRowState) => boolean): InboxWindow {
  let { start, total } = w;
  const ids = [...w.ids];
  const keys = [...w.keys];
  const id = change.conversation.id;
  const held = ids.indexOf(id);
  if (held >= 0) {
    ids.splice(held, 1);
    keys.splice(held, 1);
    total -= 1;
  } else if (change.before && shown(change.before)) {
    total -= 1;
    // It was above the window: everything the window holds moves up one place.
    if (keys.length > 0 && compareInboxKeys(inboxKeyOf(change.before), keys[0]!) < 0) start -= 1;
  }
  if (shown(change.conversation)) {
    const key = inboxKeyOf(change.conversation);
    const reachesEnd = start + ids.length >= total;
    total += 1;
    if (keys.length === 0) {
      if (start === 0 || start >= total - 1) {
        start = Math.min(start, total - 1);
        ids.push(id);
        keys.push(key);
      }
    } else if (compareInboxKeys(key, keys[0]!) < 0) {
      // Above the window: shown at the top when the window is the top, otherwise it pushes the window down.
      if (start === 0) {
        ids.unshift(id);
        keys.unshift(key);
      } else start += 1;
    } else if (compareInboxKeys(key, keys.at(-1)!) > 0) {
      if (reachesEnd) {
        ids.push(id);
        keys.push(key);
      }
    } else {
      const at = keys.findIndex((k) => compareInboxKeys(key, k) < 0);
      ids.splice(at, 0, id);
      keys.splice(at, 0, key);
    }
  }
  return { ...w, start: Math.max(0, start), ids, keys, total: Math.max(0, total) };
}
