import { z } from 'zod';

/**
 * The alert an agent sees in the conversation; supervisors get the same one (same id) in their feed.
 * The hub sends it over the agent socket, the host passes it to the workspace as is.
 */
export const agentAlertSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /**
   * sustained-negative or sharp-drop (the trajectory soured); complaint-phrase, strongly-negative or
   * voice-agitation (escalated at once). The UI translates it.
   */
  reason: z.enum(['sustained-negative', 'sharp-drop', 'complaint-phrase', 'strongly-negative', 'voice-agitation']),
  /** The complaint-risk phrases the customer used, as listed. */
  words: z.array(z.string()).max(50).optional(),
  /** The smoothed sentiment score (trajectory) or the message's own score (escalation) in [-1, 1]. */
  score: z.number(),
  /** Which signal drove it: what the customer wrote, or how they sound on the call. */
  source: z.enum(['text', 'voice']),
  at: z.number(),
});
export type AgentAlert = z.infer<typeof agentAlertSchema>;
