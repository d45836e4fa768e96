import { MAX_HUB_FRAME_BYTES } from '../../shared/protocol/hub-protocol';
import { hubEventSchema, type HubEvent } from '../../shared/protocol/hub-events';
import { describeZodError } from '../../shared/result';

/** One stored event may be no larger than one frame the hub would accept from us. */
export const MAX_EVENT_BYTES = MAX_HUB_FRAME_BYTES;

export type RejectReason = 'oversized' | 'malformed' | 'impossible_seq' | 'out_of_order';

export interface Rejection {
  seq: number | null;
  reason: RejectReason;
  detail: string;
}

export interface IntakeWindow {
  /** What the cache already holds: anything at or below is a harmless repeat. */
  cursor: number;
  /** The highest sequence number this page (or live event) can carry. */
  ceiling: number;
  /**
   * The size of the whole frame the events came in, when known: if it is within one event's bound, no
   * event in it can exceed it, and measuring each one again is skipped.
   */
  frameBytes?: number;
}

const seqOf = (raw: unknown): number | null =>
  typeof raw === 'object' && raw !== null && 'seq' in raw && typeof raw.seq === 'number' ? raw.seq : null;

/**
 * Checks events from the hub one by one, so a bad one is refused on its own and the rest of its
 * page still applies. Sizes are measured before parsing so an oversized event costs no more.
 */
export function checkEvents(raw: readonly unknown[], window: IntakeWindow): { accepted: HubEvent[]; rejected: Rejection[] } {
  const accepted: HubEvent[] = [];
  const rejected: Rejection[] = [];
  let last = window.cursor;
  const measure = window.frameBytes === undefined || window.frameBytes > MAX_EVENT_BYTES;
  for (const item of raw) {
    const seq = seqOf(item);
    const bytes = measure ? Buffer.byteLength(JSON.stringify(item) ?? '') : 0;
    if (bytes > MAX_EVENT_BYTES) {
      rejected.push({ seq, reason: 'oversized', detail: `${bytes} bytes` });
      continue;
    }
    if (seq !== null && (!Number.isSafeInteger(seq) || seq > window.ceiling)) {
      rejected.push({ seq, reason: 'impossible_seq', detail: `seq ${seq} beyond ${window.ceiling}` });
      continue;
    }
    const parsed = hubEventSchema.safeParse(item);
    if (!parsed.success) {
      rejected.push({ seq, reason: 'malformed', detail: describeZodError(parsed.error) });
      continue;
    }
    const event = parsed.data;
    if (event.seq <= window.cursor) continue;
    if (event.seq <= last) {
      rejected.push({ seq: event.seq, reason: 'out_of_order', detail: `seq ${event.seq} after ${last}` });
      continue;
    }
    last = event.seq;
    accepted.push(event);
  }
  return { accepted, rejected };
}
