import type { InboxChangeInput } from '../lib/inbox-window';
import type { InboxPageData } from './inbox-slice';
import { covers, indexOf, requestFor } from '../lib/inbox-window';
import { rpc } from '../rpc/connect';
import { useAppStore } from './app-store';
import { report } from './report';

const state = () => useAppStore.getState();

/** Rows read beyond what is visible on each side, so a scroll rarely shows a row still loading. */
export const INBOX_MARGIN = 40;

/** The window generation that has been answered at least once (a fresh generation holds nothing yet). */
let answered = -1;
/** The request on its way, so the same one is not sent twice while the list re-renders. */
let inFlight: string | null = null;

type StampedChange = InboxChangeInput & { cursor: number };
/**
 * Changes already applied, kept until a window read after them arrives: a window the cache read before
 * a change can reach the renderer after that change's event, and would otherwise undo it.
 */
let recent: StampedChange[] = [];
const RECENT_LIMIT = 5_000;
/** Changes waiting for the next frame: a sync page of hundreds of changes is one store update, one render. */
let queued: StampedChange[] = [];
let flushScheduled = false;

function showPage(page: InboxPageData & { cursor: number }, generation: number): void {
  // An answer for an older filter is dropped whole: replaying changes on the current window would count them twice.
  if (state().inbox.generation !== generation) return;
  state().showInboxPage(page, generation);
  recent = recent.filter((c) => c.cursor > page.cursor);
  if (recent.length > 0) state().applyInboxChanges(recent);
}

/**
 * Makes the window hold the rows from `from` to `to` (places in the whole filtered inbox), with a
 * margin either side: one SQL read in the cache thread, keyset from the window's edge when the range
 * continues it.
 */
export async function showInboxRange(from: number, to: number): Promise<void> {
  const { inbox, filter } = state();
  if (answered === inbox.generation && covers(inbox, from, to)) return;
  const request = requestFor(inbox, from - INBOX_MARGIN, to + INBOX_MARGIN);
  const key = JSON.stringify([inbox.generation, filter, request]);
  if (inFlight === key) return;
  inFlight = key;
  try {
    const page = await rpc.workspace.inboxPage({ ...request, filter });
    if (!report(page)) return;
    showPage(page.value, inbox.generation);
    if (page.value.offers.length > 0) state().addOffers(page.value.offers);
    if (state().inbox.generation === inbox.generation) answered = inbox.generation;
  } finally {
    if (inFlight === key) inFlight = null;
  }
}

/** Reads the window again where it stands (after a sign-in, a reconnect, or a change it could not place whole). */
export async function reloadInboxWindow(): Promise<void> {
  const { inbox, filter } = state();
  const limit = Math.min(Math.max(inbox.ids.length, 2 * INBOX_MARGIN), 1_000);
  const page = await rpc.workspace.inboxPage({ offset: inbox.start, limit, filter });
  if (!report(page)) return;
  showPage(page.value, inbox.generation);
  if (page.value.offers.length > 0) state().addOffers(page.value.offers);
  answered = inbox.generation;
}

/**
 * A change the host stored: applied to the window within a frame. A row that lands in the window with a
 * customer the renderer has not read yet (it came from far down the list) brings the window's few rows
 * again, so its name and waiting time are right.
 */
export function applyInboxChange(change: StampedChange): void {
  queued.push(change);
  if (flushScheduled) return;
  flushScheduled = true;
  // A frame's worth of changes at once (a timer, not requestAnimationFrame: a hidden window must still follow them).
  setTimeout(flushChanges, 16);
}

function flushChanges(): void {
  flushScheduled = false;
  const batch = queued;
  queued = [];
  state().applyInboxChanges(batch);
  recent.push(...batch);
  if (recent.length > RECENT_LIMIT) recent = recent.slice(-RECENT_LIMIT);
  const s = state();
  if (batch.some((c) => indexOf(s.inbox, c.conversation.id) >= 0 && !s.customers[c.conversation.customerId])) void reloadInboxWindow();
}
