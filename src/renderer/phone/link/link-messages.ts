import { z } from 'zod';

/** The BroadcastChannel every Switchboard page of one origin shares with the phone page. */
export const PHONE_CHANNEL_NAME = 'switchboard-phone-link';

/** The phone page's own address on the channel; UI clients pick a random one each load. */
export const PHONE_ADDRESS = 'phone';

const address = z.string().min(1).max(64);

/**
 * What travels on the channel. A BroadcastChannel reaches every page of the origin, so RPC frames
 * carry a sender and a recipient: each UI page sees only the answers to its own calls.
 */
export const linkMessageSchema = z.discriminatedUnion('k', [
  /** A UI page announces itself (on load, and as a heartbeat). */
  z.object({ k: z.literal('hello'), from: address }),
  /**
   * The phone page answers a hello: it is there and serving that client. `fresh`: it has just
   * started serving it (first contact, or the phone page restarted), so the client listens again.
   */
  z.object({ k: z.literal('welcome'), to: address, fresh: z.boolean().optional() }),
  /** A UI page is going away (unload); the phone page stops sending it events. */
  z.object({ k: z.literal('bye'), from: address }),
  /** A phone page started: every UI page says hello again at once. */
  z.object({ k: z.literal('phone-up') }),
  /** The phone page is closing or reloading. */
  z.object({ k: z.literal('phone-down') }),
  z.object({ k: z.literal('frame'), from: address, to: address, f: z.string() }),
]);
export type LinkMessage = z.infer<typeof linkMessageSchema>;

/** The part of BroadcastChannel the link uses, so tests can run it on Node's own BroadcastChannel. */
export interface LinkChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Subscribes to well-formed link messages; anything else on the channel is ignored. */
export function onLinkMessage(channel: LinkChannel, listener: (message: LinkMessage) => void): () => void {
  const handler = (event: MessageEvent): void => {
    const parsed = linkMessageSchema.safeParse(event.data);
    if (parsed.success) listener(parsed.data);
  };
  channel.addEventListener('message', handler);
  return () => channel.removeEventListener('message', handler);
}

export function post(channel: LinkChannel, message: LinkMessage): void {
  channel.postMessage(message);
}
