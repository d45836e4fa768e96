import { z } from 'zod';

/**
 * The alert an agent sees in the conversation; supervisors get the same one (same id) in their feed.
 * The hub sends it over the agent socket, the host passes it to the workspace as is.
 */
export const agentAlertSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** sustained-negative or sharp-drop; the UI translates it. */
  reason: z.enum(['sustained-negative', 'sharp-drop']),
  /** The smoothed sentiment score in [-1, 1] when it fired. */
  score: z.number(),
  /** Which signal drove it: what the customer wrote, or how they sound on the call. */
  source: z.enum(['text', 'voice']),
  at: z.number(),
});
export type AgentAlert = z.infer<typeof agentAlertSchema>;
