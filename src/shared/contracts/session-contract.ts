import { z } from 'zod';
import { agentProfileSchema } from '../domain/agent';
import { defineContract } from '../rpc/contract';

export const connectionStateSchema = z.object({
  status: z.enum(['signed_out', 'connecting', 'online', 'offline']),
  hubUrl: z.string(),
  lastSyncAt: z.number().nullable(),
  detail: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/** Signing in to the hub and the health of the connection to it. */
export const sessionContract = defineContract({
  name: 'session',
  methods: {
    status: { input: z.object({}), output: z.object({ connection: connectionStateSchema, agent: agentProfileSchema.nullable() }) },
    login: {
      input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      output: agentProfileSchema,
    },
    logout: { input: z.object({}), output: z.object({}) },
  },
  events: {
    connection: connectionStateSchema,
    agent: agentProfileSchema,
  },
});
