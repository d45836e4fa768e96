import { z } from 'zod';
import type { Channel } from '../../shared/domain/channel';
import type { Conversation } from '../../shared/domain/conversation';
import type { ChannelDelivery, Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { err, ok, type Result } from '../../shared/result';
import type { NewHubEvent } from '../../shared/protocol/hub-events';
import type { HubStore, Peer } from '../store/hub-store';
import type { JobKind, JobRun, JobWorker } from './job-worker';

export const OUTBOUND_DELIVERY_JOB = 'outbound.deliver';
const jobKey = (messageId: string): string => `outbound:${messageId}`;
const payloadSchema = z.object({ messageId: z.string() });

/** How one external channel hands a reply to the customer; it throws when the channel did not take it. */
export interface ChannelSender {
  /** Whether this channel can deliver to that customer identity as configured (an unconfigured platform keeps replies in the hub). */
  accepts(to: Peer): boolean;
  send(message: Message, conversation: Conversation, to: Peer, signal: AbortSignal): Promise<void>;
}

export interface OutboundRetryPolicy {
  /** Tries in all before a reply is marked failed. */
  attempts: number;
  /** The wait after the first failure; it doubles after each one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface OutboundDelivery {
  /** A channel that delivers replies itself (webhook platforms, WeChat, email) registers its sender when the hub starts. */
  register(channel: Channel, sender: ChannelSender): void;
  /** The delivery state a new reply starts in, or null when no registered channel delivers it. */
  initialState(channel: Channel, to: Peer, at: number): ChannelDelivery | null;
  /** Stores the delivery job of a reply stored with `initialState` (in the reply's own transaction). */
  enqueue(messageId: string, at: number): void;
  /** An agent asks to try a failed reply again. */
  retry(messageId: string): Result<Message>;
  /** The job kind the worker runs. */
  job: JobKind;
}

export interface OutboundDeliveryDeps {
  store: HubStore;
  jobs: () => JobWorker;
  publish(event: NewHubEvent): void;
  policy: OutboundRetryPolicy;
  /** Counts a reply that ended failed (the hub's /metrics). */
  deliveryFailed?: (channel: Channel) => void;
  log: Logger;
  now?: () => number;
}

/**
 * Replies to customers on external channels are jobs: stored with the reply, tried with backoff by the
 * job worker, and ending delivered or failed. Each change is a `message.updated` event, so the agent
 * sees it on the message. A crash mid-send tries again (the receiving side de-duplicates by message id).
 */
export function createOutboundDelivery(deps: OutboundDeliveryDeps): OutboundDelivery {
  const { store, policy, log } = deps;
  const now = deps.now ?? Date.now;
  const senders = new Map<Channel, ChannelSender>();

  function settle(message: Message, delivery: ChannelDelivery): void {
    store.transaction(() => {
      store.setChannelDelivery(message.id, delivery);
      deps.publish({ kind: 'message.updated', message: { ...message, channelDelivery: delivery } });
    });
  }

  async function run(payload: unknown, { attempt, signal }: JobRun): Promise<void> {
    const { messageId } = payloadSchema.parse(payload);
    const message = store.message(messageId);
    // Gone (pruned) or already settled by an earlier run that crashed before it let go of the job: nothing to do.
    if (!message || message.channelDelivery?.state !== 'sending') return;
    const to = store.messagePeer(messageId);
    const conversation = store.conversation(message.conversationId);
    const sender = senders.get(message.channel);
    if (!to || !conversation || !sender || !sender.accepts(to)) {
      log.log('warn', 'a reply cannot be delivered: its channel is no longer configured', { channel: message.channel, messageId });
      deps.deliveryFailed?.(message.channel);
      settle(message, { state: 'failed', attempts: attempt, at: now() });
      return;
    }
    try {
      await sender.send(message, conversation, to, signal);
    } catch (cause) {
      if (signal.aborted) throw cause;
      const detail = cause instanceof Error ? cause.message : String(cause);
      if (attempt < policy.attempts) throw new Error(`delivery attempt ${attempt} of ${policy.attempts} failed: ${detail}`);
      log.log('warn', 'a reply could not be delivered; the agent may try again', { channel: message.channel, messageId, attempts: attempt, detail });
      deps.deliveryFailed?.(message.channel);
      settle(message, { state: 'failed', attempts: attempt, at: now() });
      return;
    }
    settle(message, { state: 'delivered', attempts: attempt, at: now() });
  }

  return {
    register(channel, sender) {
      senders.set(channel, sender);
    },
    initialState(channel, to, at) {
      return senders.get(channel)?.accepts(to) ? { state: 'sending', attempts: 0, at } : null;
    },
    enqueue(messageId, at) {
      deps.jobs().schedule(OUTBOUND_DELIVERY_JOB, jobKey(messageId), at, { messageId });
    },
    retry(messageId) {
      const message = store.message(messageId);
      if (!message?.channelDelivery) return err('not_found', 'no such reply to a customer');
      if (message.channelDelivery.state !== 'failed') return err('conflict', `the reply is ${message.channelDelivery.state}, not failed`);
      const at = now();
      const delivery: ChannelDelivery = { state: 'sending', attempts: 0, at };
      store.transaction(() => {
        store.setChannelDelivery(messageId, delivery);
        deps.publish({ kind: 'message.updated', message: { ...message, channelDelivery: delivery } });
        deps.jobs().schedule(OUTBOUND_DELIVERY_JOB, jobKey(messageId), at, { messageId });
      });
      return ok({ ...message, channelDelivery: delivery });
    },
    job: {
      run,
      retryDelayMs: (attempt) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1)),
    },
  };
}
