import { z } from 'zod';
import { conversationSchema } from '../domain/conversation';
import { customerSchema } from '../domain/customer';
import { messageSchema } from '../domain/message';

/** Stored events: each carries the hub's sequence number, and a desktop syncs by cursor over them. */
export const hubEventSchema = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int().positive(), at: z.number(), kind: z.literal('customer.upserted'), customer: customerSchema }),
  z.object({
    seq: z.number().int().positive(),
    at: z.number(),
    kind: z.literal('conversation.upserted'),
    conversation: conversationSchema,
  }),
  z.object({ seq: z.number().int().positive(), at: z.number(), kind: z.literal('message.created'), message: messageSchema }),
]);
export type HubEvent = z.infer<typeof hubEventSchema>;
export type HubEventKind = HubEvent['kind'];
/** An event before the store has given it a sequence number. */
export type NewHubEvent = HubEvent extends infer E ? (E extends HubEvent ? Omit<E, 'seq' | 'at'> : never) : never;
