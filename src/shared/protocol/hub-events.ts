import { z } from 'zod';
import { conversationSchema } from '../domain/conversation';
import { customerSchema } from '../domain/customer';
import { messageSchema } from '../domain/message';

/**
 * Stored events. On the agent socket `seq` is the event's position in the receiving agent's feed (the
 * cursor a desktop syncs by); inside the hub it is the global sequence number.
 */
export const hubEventSchema = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int().positive(), at: z.number(), kind: z.literal('customer.upserted'), customer: customerSchema }),
  z.object({
    seq: z.number().int().positive(),
    at: z.number(),
    kind: z.literal('conversation.upserted'),
    conversation: conversationSchema,
  }),
  z.object({ seq: z.number().int().positive(), at: z.number(), kind: z.literal('message.created'), message: messageSchema }),
  /** A stored message changed after it was created (its delivery to the customer's channel): the whole message, as it now stands. */
  z.object({ seq: z.number().int().positive(), at: z.number(), kind: z.literal('message.updated'), message: messageSchema }),
]);
export type HubEvent = z.infer<typeof hubEventSchema>;
export type HubEventKind = HubEvent['kind'];
/** An event before the store has given it a sequence number. */
export type NewHubEvent = HubEvent extends infer E ? (E extends HubEvent ? Omit<E, 'seq' | 'at'> : never) : never;
