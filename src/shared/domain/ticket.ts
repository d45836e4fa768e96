import { z } from 'zod';

export const ticketStatuses = ['open', 'pending', 'solved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;

/** A work order that outlives the conversation it came from. */
export const ticketSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  conversationId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;
