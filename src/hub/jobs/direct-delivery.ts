import { z } from 'zod';
import type { Channel } from '../../shared/domain/channel';
import type { ChannelDelivery } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { newId } from '../ids';
import type { HubStore, Peer } from '../store/hub-store';
import type { DirectDeliveryRecord, DirectPurpose } from '../store/notice-queries';
import type { JobKind, JobRun, JobWorker } from './job-worker';
import type { OutboundRetryPolicy } from './outbound-delivery';

export const DIRECT_DELIVERY_JOB = 'outbound.direct';
const jobKey = (id: string): string => `direct:${id}`;
const payloadSchema = z.object({ deliveryId: z.string() });

/** What one message outside a conversation carries; `id` is stable across tries, so a receiver can de-duplicate. */
export interface DirectContent {
  id: string;
  subject: string;
  text: string;
}

/** How one external channel hands a message to a customer outside any conversation; it throws when the channel did not take it. */
export interface DirectSender {
  accepts(to: Peer): boolean;
  send(to: Peer, content: DirectContent, signal: AbortSignal): Promise<void>;
}

export interface DirectMessage {
  purpose: DirectPurpose;
  ref: string;
  channel: Channel;
  to: Peer;
  subject: string;
  text: string;
}

export interface DirectDelivery {
  /** Whether a registered channel can reach that identity. */
  accepts(channel: Channel, to: Peer): boolean;
  /**
   * Stores the message with its delivery job (in the caller's transaction, if one is open); null when no channel
   * delivers it (nothing stored).
   */
  enqueue(message: DirectMessage, at: number): DirectDeliveryRecord | null;
  /** Told when a delivery ends delivered or failed. */
  onSettled(listener: (record: DirectDeliveryRecord) => void): () => void;
  job: JobKind;
}

export interface DirectDeliveryDeps {
  store: HubStore;
  jobs: () => JobWorker;
  senders: Partial<Record<Channel, DirectSender>>;
  /** The same tries and backoff as replies (OUTBOUND_ATTEMPTS…). */
  policy: OutboundRetryPolicy;
  deliveryFailed?: (channel: Channel) => void;
  log: Logger;
  now?: () => number;
}

/**
 * Messages the hub sends a customer outside any conversation (survey invitations, order notices) are jobs
 * like replies: stored with their delivery state, tried with backoff, ending delivered or failed. A crash
 * mid-send tries again with the same id (a mail keeps its Message-ID, a platform gets the same messageId).
 */
export function createDirectDelivery(deps: DirectDeliveryDeps): DirectDelivery {
  const { store, policy, log } = deps;
  const now = deps.now ?? Date.now;
  const settled = new Set<(record: DirectDeliveryRecord) => void>();

  function settle(record: DirectDeliveryRecord, delivery: ChannelDelivery): void {
    store.setDirectDelivery(record.id, delivery);
    const done = { ...record, delivery };
    settled.forEach((l) => l(done));
  }

  async function run(payload: unknown, { attempt, signal }: JobRun): Promise<void> {
    const { deliveryId } = payloadSchema.parse(payload);
    const record = store.directDelivery(deliveryId);
    if (!record || record.delivery.state !== 'sending') return;
    const sender = deps.senders[record.channel];
    if (!sender || !sender.accepts(record.to)) {
      log.log('warn', 'a message to a customer cannot be delivered: its channel is no longer configured', { channel: record.channel, purpose: record.purpose, id: record.id });
      deps.deliveryFailed?.(record.channel);
      settle(record, { state: 'failed', attempts: attempt, at: now() });
      return;
    }
    try {
      await sender.send(record.to, { id: record.id, subject: record.subject, text: record.text }, signal);
    } catch (cause) {
      if (signal.aborted) throw cause;
      const detail = cause instanceof Error ? cause.message : String(cause);
      if (attempt < policy.attempts) {
        // The tries so far are recorded, so whoever looks sees it is being retried.
        store.setDirectDelivery(record.id, { state: 'sending', attempts: attempt, at: now() });
        throw new Error(`delivery attempt ${attempt} of ${policy.attempts} failed: ${detail}`);
      }
      log.log('warn', 'a message to a customer could not be delivered', { channel: record.channel, purpose: record.purpose, id: record.id, attempts: attempt, detail });
      deps.deliveryFailed?.(record.channel);
      settle(record, { state: 'failed', attempts: attempt, at: now() });
      return;
    }
    settle(record, { state: 'delivered', attempts: attempt, at: now() });
  }

  return {
    accepts: (channel, to) => deps.senders[channel]?.accepts(to) ?? false,
    enqueue(message, at) {
      if (!deps.senders[message.channel]?.accepts(message.to)) return null;
      const record: DirectDeliveryRecord = {
        id: newId('dlv'),
        purpose: message.purpose,
        ref: message.ref,
        channel: message.channel,
        to: { kind: message.to.kind, value: message.to.value },
        subject: message.subject,
        text: message.text,
        delivery: { state: 'sending', attempts: 0, at },
        createdAt: at,
      };
      store.transaction(() => {
        store.insertDirectDelivery(record);
        deps.jobs().schedule(DIRECT_DELIVERY_JOB, jobKey(record.id), at, { deliveryId: record.id });
      });
      return record;
    },
    onSettled(listener) {
      settled.add(listener);
      return () => settled.delete(listener);
    },
    job: {
      run,
      retryDelayMs: (attempt) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1)),
    },
  };
}
