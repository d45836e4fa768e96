import { z } from 'zod';

export const roles = ['agent', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const agentStates = ['available', 'busy', 'away', 'after_call_work', 'offline'] as const;
export const agentStateSchema = z.enum(agentStates);
export type AgentState = z.infer<typeof agentStateSchema>;

export const agentProfileSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  skills: z.array(z.string()),
  queues: z.array(z.string()),
  /** How many chats at once; a call always takes the agent whole. */
  capacity: z.number().int().nonnegative(),
  state: agentStateSchema,
  stateReason: z.string().nullable(),
  /** When after-call work ends on its own (epoch ms); null in other states. */
  stateUntil: z.number().nullable().optional(),
  /** The agent's SIP user name (sip:<sipUser>@domain). */
  sipUser: z.string().nullable().optional(),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;
