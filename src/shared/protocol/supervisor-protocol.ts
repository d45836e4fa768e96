import { z } from 'zod';
import { agentProfileSchema, agentStateSchema, roleSchema } from '../domain/agent';
import { channelSchema } from '../domain/channel';
import { conversationSchema, conversationStatusSchema } from '../domain/conversation';
import { messageSchema, messageTextSchema } from '../domain/message';
import { queueMetricsSchema } from '../domain/queue';
import { appErrorSchema } from '../result';
import { reportQuerySchema, reportSchema } from './report-protocol';

/**
 * The supervisor's socket to the hub, `/supervisor/ws`: wallboard, live contacts, alerts,
 * chat monitoring and call supervision. Separate from `/agent/ws` so an agent desktop never
 * carries (or can ask for) what only supervisors may see, and so this protocol can version
 * on its own. Bumped on any incompatible change; the hub refuses other versions.
 */
export const SUPERVISOR_PROTOCOL_VERSION = 1;
/** Supervisor frames are small requests; anything bigger is a bug or an attack. */
export const MAX_SUPERVISOR_FRAME_BYTES = 64 * 1024;
export const SUPERVISOR_WS_PATH = '/supervisor/ws';

const v = z.literal(SUPERVISOR_PROTOCOL_VERSION);
const idSchema = z.string().min(1).max(100);
/** Correlates a request with its reply; made by the client, echoed by the hub. */
export const requestIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);

// ── What the wallboard shows ────────────────────────────────────────────────────────────

export const supervisionModes = ['monitor', 'whisper', 'barge'] as const;
/** monitor: the supervisor only listens; whisper: the agent hears the supervisor too; barge: everyone hears everyone. */
export const supervisionModeSchema = z.enum(supervisionModes);
export type SupervisionMode = z.infer<typeof supervisionModeSchema>;

export const trendPointSchema = z.object({
  at: z.number(),
  waiting: z.number().int().nonnegative(),
  slaPercent: z.number().min(0).max(100).nullable(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

/** A queue's routing figures (answered within the SLA among answered and abandoned since `windowStart`), named, with its trend. */
export const queueBoardSchema = queueMetricsSchema.extend({
  name: z.string(),
  slaSeconds: z.number().int().positive(),
  /** Oldest first; one point per sampling interval. */
  trend: z.array(trendPointSchema),
  /** Today's satisfaction: the share of survey ratings of 4 or 5 given since local midnight; null without any. */
  csatTodayPercent: z.number().min(0).max(100).nullable().optional(),
  /** How many ratings that share is of. */
  ratedToday: z.number().int().nonnegative().optional(),
});
export type QueueBoard = z.infer<typeof queueBoardSchema>;

export const agentBoardSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: roleSchema,
  state: agentStateSchema,
  stateReason: z.string().nullable(),
  stateSince: z.number(),
  online: z.boolean(),
  queues: z.array(z.string()),
  chats: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
  handledToday: z.number().int().nonnegative(),
  /** From answer to close, over contacts closed today; null without any. */
  averageHandleMs: z.number().nonnegative().nullable(),
});
export type AgentBoard = z.infer<typeof agentBoardSchema>;

export const sentimentLabelSchema = z.enum(['positive', 'neutral', 'negative', 'unknown']);
export type SentimentLabelValue = z.infer<typeof sentimentLabelSchema>;

export const contactSentimentSchema = z.object({
  label: sentimentLabelSchema,
  /** Smoothed score in [-1, 1]; null before the customer said anything scoreable. */
  level: z.number().min(-1).max(1).nullable(),
});
export type ContactSentiment = z.infer<typeof contactSentimentSchema>;

export const liveContactSchema = z.object({
  conversationId: z.string(),
  channel: channelSchema,
  status: conversationStatusSchema,
  queue: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.number(),
  /** When it last entered a queue; the wait counts from here while it is queued. */
  queuedAt: z.number().nullable(),
  lastMessageAt: z.number().nullable(),
  preview: z.string(),
  sentiment: contactSentimentSchema,
  /** The open supervision session on this contact, if any. */
  supervisionSessionId: z.string().nullable(),
});
export type LiveContact = z.infer<typeof liveContactSchema>;

export const wallboardSchema = z.object({
  at: z.number(),
  queues: z.array(queueBoardSchema),
  agents: z.array(agentBoardSchema),
  contacts: z.array(liveContactSchema),
});
export type Wallboard = z.infer<typeof wallboardSchema>;

/** low_rating: a customer rated the service at or below LOW_RATING_AT_MOST in the satisfaction survey. */
export const alertKinds = ['negative_sentiment', 'escalation', 'compliance', 'sla_breach', 'low_rating'] as const;
export const supervisorAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(alertKinds),
  at: z.number(),
  /** The contact to open on click; null for a queue-wide alert. */
  conversationId: z.string().nullable(),
  queue: z.string().nullable(),
  agentId: z.string().nullable(),
  /** Sentiment alerts: the smoothed score; SLA alerts: the SLA percent or the wait in seconds; low ratings: the rating. */
  value: z.number().nullable(),
  /**
   * Which rule fired: sustained-negative, sharp-drop (trajectory); complaint-phrase, strongly-negative,
   * voice-agitation (escalation at once); contact-wait, queue-sla; low-rating. The UI translates it.
   */
  reason: z.string(),
  /** What the customer said that fired it (the complaint-risk phrases, joined), when there is something to quote. */
  detail: z.string().max(500).nullable().optional(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
});
export type SupervisorAlert = z.infer<typeof supervisorAlertSchema>;

/** One DTMF key: what a PBX's spy application reads to switch mode. */
export const pbxModeDigitSchema = z.string().regex(/^[0-9*#A-D]$/, 'a mode digit is one DTMF key: 0-9, *, #, A-D');

/**
 * PBX mode (the hub's `supervisionPbx` setting): the PBX mixes, not the agent's desktop. The
 * supervisor's own phone dials `target` (the hub expanded the configured template for the
 * agent), then presses the digit of each mode, as Asterisk ChanSpy's `d` option reads them.
 */
export const pbxSupervisionDialSchema = z.object({
  target: z.string().min(1).max(256),
  digits: z.object({ monitor: pbxModeDigitSchema, whisper: pbxModeDigitSchema, barge: pbxModeDigitSchema }),
});
export type PbxSupervisionDial = z.infer<typeof pbxSupervisionDialSchema>;

export const supervisionSessionSchema = z.object({
  id: z.string(),
  kind: z.enum(['call', 'chat']),
  supervisorId: z.string(),
  supervisorName: z.string(),
  agentId: z.string().nullable(),
  conversationId: z.string(),
  mode: supervisionModeSchema,
  /** Every mode used so far, in order; chats add `whisper` and `takeover` as they happen. */
  modes: z.array(z.enum([...supervisionModes, 'takeover'])),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Calls in PBX mode only: what the supervisor's phone dials. Absent: the agent's desktop mixes. */
  pbx: pbxSupervisionDialSchema.optional(),
});
export type SupervisionSession = z.infer<typeof supervisionSessionSchema>;

export const chatTranscriptSchema = z.object({
  session: supervisionSessionSchema,
  conversation: conversationSchema,
  customerName: z.string(),
  messages: z.array(messageSchema),
});
export type ChatTranscript = z.infer<typeof chatTranscriptSchema>;

// ── Requests (supervisor → hub), each answered by one `reply` ──────────────────────────

export const callTargetSchema = z.discriminatedUnion('kind', [
  /** The agent's current call, whichever it is. */
  z.object({ kind: z.literal('agent'), agentId: idSchema }),
  z.object({ kind: z.literal('conversation'), conversationId: idSchema }),
]);
export type CallTarget = z.infer<typeof callTargetSchema>;

export const supervisorRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wallboard.refresh') }),
  z.object({ kind: z.literal('alert.ack'), alertId: idSchema }),
  z.object({ kind: z.literal('chat.open'), conversationId: idSchema }),
  z.object({ kind: z.literal('chat.close'), conversationId: idSchema }),
  z.object({ kind: z.literal('chat.whisper'), conversationId: idSchema, text: messageTextSchema }),
  z.object({ kind: z.literal('chat.takeover'), conversationId: idSchema }),
  z.object({ kind: z.literal('call.start'), target: callTargetSchema, mode: supervisionModeSchema.default('monitor') }),
  z.object({ kind: z.literal('call.mode'), sessionId: idSchema, mode: supervisionModeSchema }),
  z.object({ kind: z.literal('call.end'), sessionId: idSchema }),
  /** A historical report (report-protocol.ts) over the same records as the wallboard. */
  z.object({ kind: z.literal('report.run'), query: reportQuerySchema }),
]);
export type SupervisorRequest = z.infer<typeof supervisorRequestSchema>;
export type SupervisorRequestInput = z.input<typeof supervisorRequestSchema>;
export type SupervisorRequestKind = SupervisorRequest['kind'];

/** What each request's reply carries when it succeeds; the host checks it against this. */
export const supervisorReplySchemas = {
  'wallboard.refresh': wallboardSchema,
  'alert.ack': supervisorAlertSchema,
  'chat.open': chatTranscriptSchema,
  'chat.close': z.object({ conversationId: z.string() }),
  'chat.whisper': messageSchema,
  'chat.takeover': z.object({ conversation: conversationSchema }),
  'call.start': supervisionSessionSchema,
  'call.mode': supervisionSessionSchema,
  'call.end': supervisionSessionSchema,
  'report.run': reportSchema,
} as const satisfies Record<SupervisorRequestKind, z.ZodType>;
export type SupervisorReply<K extends SupervisorRequestKind> = z.infer<(typeof supervisorReplySchemas)[K]>;

export const supervisorClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('hello'), token: z.string().min(1).max(4096) }),
  z.object({ v, type: z.literal('request'), rid: requestIdSchema, request: supervisorRequestSchema }),
  z.object({ v, type: z.literal('ping'), nonce: z.number().int() }),
  /** A refreshed token for the open socket: without one before the current token lapses, the hub closes it (4401). */
  z.object({ v, type: z.literal('token'), token: z.string().min(1).max(4096) }),
]);
export type SupervisorClientFrame = z.infer<typeof supervisorClientFrameSchema>;
export type SupervisorClientFrameInput = z.input<typeof supervisorClientFrameSchema>;

// ── Pushes and replies (hub → supervisor) ──────────────────────────────────────────────

export const supervisorServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('welcome'),
    supervisor: agentProfileSchema,
    wallboard: wallboardSchema,
    alerts: z.array(supervisorAlertSchema),
    sessions: z.array(supervisionSessionSchema),
  }),
  z.object({
    v,
    type: z.literal('reply'),
    rid: z.string(),
    result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: appErrorSchema })]),
  }),
  z.object({ v, type: z.literal('wallboard'), wallboard: wallboardSchema }),
  /** A new alert, or one that someone acknowledged. */
  z.object({ v, type: z.literal('alert'), alert: supervisorAlertSchema }),
  /** A new message in a chat this socket opened. */
  z.object({ v, type: z.literal('chat.message'), message: messageSchema }),
  /** A chat this socket opened changed (assignee, status). */
  z.object({ v, type: z.literal('chat.conversation'), conversation: conversationSchema }),
  /** A supervision session started, changed mode or ended (any supervisor's). */
  z.object({ v, type: z.literal('session'), session: supervisionSessionSchema }),
  z.object({ v, type: z.literal('pong'), nonce: z.number().int() }),
  z.object({ v, type: z.literal('error'), error: appErrorSchema }),
]);
export type SupervisorServerFrame = z.infer<typeof supervisorServerFrameSchema>;
export type SupervisorServerFrameInput = z.input<typeof supervisorServerFrameSchema>;

// ── What the hub tells the supervised agent's desktop ───────────────────────────────────

/**
 * Carried to the agent's desktop over its own socket (the lead adds a `supervision` frame to
 * hub-protocol carrying this). The phone engine sets its SupervisionMixer from `call.*`; the
 * inbox shows `chat.taken_over`.
 */
export const agentSupervisionNoticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call.started'),
    sessionId: z.string(),
    conversationId: z.string(),
    supervisorId: z.string(),
    supervisorName: z.string(),
    /** The SIP user the agent's engine opens the second leg to; null when the supervisor has no phone. */
    supervisorSipUser: z.string().nullable(),
    /** The SIP Call-ID of the supervised call, so the agent's phone knows which of its calls to mix. */
    sipCallId: z.string().nullable().optional(),
    mode: supervisionModeSchema,
  }),
  z.object({ kind: z.literal('call.mode'), sessionId: z.string(), conversationId: z.string(), mode: supervisionModeSchema }),
  z.object({ kind: z.literal('call.ended'), sessionId: z.string(), conversationId: z.string() }),
  z.object({
    kind: z.literal('chat.taken_over'),
    conversationId: z.string(),
    supervisorId: z.string(),
    supervisorName: z.string(),
  }),
]);
export type AgentSupervisionNotice = z.infer<typeof agentSupervisionNoticeSchema>;
