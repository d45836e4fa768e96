import { z } from 'zod';
import { agentProfileSchema } from '../domain/agent';
import { defineContract } from '../rpc/contract';
import { sipLoginCredentialsSchema } from '../protocol/hub-protocol';

/** Something the agent should be told once, e.g. that an unreadable cache was rebuilt from the hub. */
export const sessionNoticeSchema = z.object({
  kind: z.enum(['cache_rebuilt']),
  at: z.number(),
  /** For the log and support; the UI shows its own translated text for `kind`. */
  detail: z.string(),
});
export type SessionNotice = z.infer<typeof sessionNoticeSchema>;

/** A catch-up in progress: from the cursor it began at, through `cursor` now, towards the hub's `head`. */
export const syncProgressSchema = z.object({
  from: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
});
export type SyncProgressState = z.infer<typeof syncProgressSchema>;

export const connectionStateSchema = z.object({
  status: z.enum(['signed_out', 'connecting', 'online', 'offline']),
  hubUrl: z.string(),
  lastSyncAt: z.number().nullable(),
  detail: z.string().nullable(),
  /** Set while a backlog streams in; null (or absent) once caught up. */
  sync: syncProgressSchema.nullable().optional(),
  /** Agent actions (replies, notes, state changes…) written locally and not yet accepted by the hub. */
  pendingActions: z.number().int().nonnegative().optional(),
  /** True while the app shows the last account's cache without a live hub session (started offline). */
  cached: z.boolean().optional(),
  /** The latest notice, kept here too so a window that opens later still learns it. */
  notice: sessionNoticeSchema.nullable().optional(),
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
    /** For the phone engine only: digest credentials for Kamailio, or null when the hub has no telephony. */
    sipCredentials: { input: z.object({}), output: sipLoginCredentialsSchema.nullable() },
  },
  events: {
    connection: connectionStateSchema,
    agent: agentProfileSchema,
    notice: sessionNoticeSchema,
  },
});
