import { z } from 'zod';

/** A queue without its own reply target (and every queue of a hub before the target existed) uses this. */
export const DEFAULT_REPLY_SECONDS = 120;

/**
 * What an agent's desktop needs of a queue: the name to show and the targets its SLA countdowns run
 * to. The hub owns these values; the desktop keeps the last ones it was told for an offline start.
 */
export const queueSlaSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** How long a contact may wait in the queue before it is answered. */
  slaSeconds: z.number().int().positive(),
  /** How long a customer may wait for the agent's next reply once the conversation is answered. */
  replySeconds: z.number().int().positive(),
});
export type QueueSla = z.infer<typeof queueSlaSchema>;
