import { z } from 'zod';
import { agentProfileSchema } from '../domain/agent';
import { conversationSchema } from '../domain/conversation';
import { messageSchema, messageTextSchema } from '../domain/message';
import {
  callTargetSchema,
  chatTranscriptSchema,
  supervisionModeSchema,
  supervisionSessionSchema,
  supervisorAlertSchema,
  wallboardSchema,
} from '../protocol/supervisor-protocol';
import { defineContract } from '../rpc/contract';
import { reportQuerySchema, reportSchema } from '../protocol/report-protocol';

const idSchema = z.string().min(1).max(100);

export const supervisorLinkStateSchema = z.object({
  /** refused: the hub said this account may not supervise (or the token is no good); no retry. */
  status: z.enum(['disconnected', 'connecting', 'online', 'refused']),
  detail: z.string().nullable(),
});
export type SupervisorLinkState = z.infer<typeof supervisorLinkStateSchema>;

export const supervisorSnapshotSchema = z.object({
  link: supervisorLinkStateSchema,
  supervisor: agentProfileSchema.nullable(),
  wallboard: wallboardSchema.nullable(),
  alerts: z.array(supervisorAlertSchema),
  sessions: z.array(supervisionSessionSchema),
});
export type SupervisorSnapshot = z.infer<typeof supervisorSnapshotSchema>;

/** The supervisor console: the host keeps the /supervisor/ws link, the renderer asks and listens. */
export const supervisorContract = defineContract({
  name: 'supervisor',
  methods: {
    /** Opens the link with the signed-in agent's token; fails with permission_denied for agents. */
    connect: { input: z.object({}), output: supervisorSnapshotSchema },
    disconnect: { input: z.object({}), output: z.object({}) },
    snapshot: { input: z.object({}), output: supervisorSnapshotSchema },
    refreshWallboard: { input: z.object({}), output: wallboardSchema },
    acknowledgeAlert: { input: z.object({ alertId: idSchema }), output: supervisorAlertSchema },
    openChat: { input: z.object({ conversationId: idSchema }), output: chatTranscriptSchema },
    closeChat: { input: z.object({ conversationId: idSchema }), output: z.object({ conversationId: z.string() }) },
    whisper: { input: z.object({ conversationId: idSchema, text: messageTextSchema }), output: messageSchema },
    takeOver: { input: z.object({ conversationId: idSchema }), output: z.object({ conversation: conversationSchema }) },
    startMonitoring: { input: z.object({ target: callTargetSchema, mode: supervisionModeSchema.default('monitor') }), output: supervisionSessionSchema },
    setMode: { input: z.object({ sessionId: idSchema, mode: supervisionModeSchema }), output: supervisionSessionSchema },
    endMonitoring: { input: z.object({ sessionId: idSchema }), output: supervisionSessionSchema },
    runReport: { input: reportQuerySchema, output: reportSchema },
  },
  events: {
    link: supervisorLinkStateSchema,
    wallboard: wallboardSchema,
    alert: supervisorAlertSchema,
    chatMessage: messageSchema,
    chatConversation: conversationSchema,
    session: supervisionSessionSchema,
  },
});
