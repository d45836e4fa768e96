import { z } from 'zod';
import { callQualitySchema } from '../domain/call';
import { defineContract } from '../rpc/contract';

/**
 * The phone engine as the UI sees it. The engine runs in its own page (a hidden window in
 * Electron, a companion tab in the browser) so a UI reload does not drop a call; the UI holds only
 * these plain values, never a sip.js or JsSIP object.
 */

/** Whether the phone page has what it needs: a signed-in agent and a hub with telephony. */
export const phoneLinkStateSchema = z.enum(['starting', 'signed_out', 'no_telephony', 'ready', 'error']);
export type PhoneLinkState = z.infer<typeof phoneLinkStateSchema>;

export const phoneRegistrationSchema = z.enum(['unregistered', 'registering', 'registered', 'failed']);
export type PhoneRegistration = z.infer<typeof phoneRegistrationSchema>;

export const phoneTransportSchema = z.enum(['disconnected', 'connecting', 'connected']);
export type PhoneTransport = z.infer<typeof phoneTransportSchema>;

export const phoneCallSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['dialing', 'ringing', 'active', 'ended']),
  remoteUser: z.string(),
  remoteUri: z.string(),
  remoteDisplayName: z.string().optional(),
  sipCallId: z.string(),
  /** The hub's voice conversation of an inbound call, as Kamailio announced it with the INVITE. */
  conversationId: z.string().optional(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
  held: z.boolean(),
  muted: z.boolean(),
  conferenceWith: z.string().optional(),
  replacedCallId: z.string().optional(),
  endReason: z.string().optional(),
  /** Set on the original call while a consultation for an attended transfer is up. */
  consultCallId: z.string().optional(),
  /** Set on a consultation call: the held call it will be transferred from. */
  consultFor: z.string().optional(),
  /** The latest graded second of this call; null until stats arrive. */
  quality: callQualitySchema.nullable(),
});
export type PhoneCall = z.infer<typeof phoneCallSchema>;

export const phoneStateSchema = z.object({
  link: phoneLinkStateSchema,
  adapter: z.enum(['sipjs', 'jssip']),
  registration: phoneRegistrationSchema,
  transport: phoneTransportSchema,
  /** Why registration or start-up failed, for the log and a tooltip; the UI shows its own text. */
  detail: z.string().nullable(),
  /** Live calls first, then calls that ended in the last minute (so the UI can show how they ended). */
  calls: z.array(phoneCallSchema),
});
export type PhoneState = z.infer<typeof phoneStateSchema>;

const callId = z.object({ callId: z.string().min(1).max(100) });
/** A number or a SIP user; the engine turns it into a URI in its own domain. */
const target = z.string().trim().min(1).max(200).regex(/^[^\s<>"]+$/, 'no spaces or angle brackets');
const empty = z.object({});

export const phoneContract = defineContract({
  name: 'phone',
  methods: {
    status: { input: empty, output: phoneStateSchema },
    dial: { input: z.object({ target }), output: z.object({ callId: z.string() }) },
    answer: { input: callId, output: empty },
    reject: { input: callId, output: empty },
    hangUp: { input: callId, output: empty },
    hold: { input: callId, output: empty },
    resume: { input: callId, output: empty },
    mute: { input: callId, output: empty },
    unmute: { input: callId, output: empty },
    sendDtmf: {
      input: callId.extend({ digits: z.string().regex(/^[0-9A-Da-d*#]{1,32}$/, 'digits 0-9, A-D, * and # only') }),
      output: z.object({ via: z.enum(['rfc4733', 'info']) }),
    },
    blindTransfer: { input: callId.extend({ target }), output: empty },
    startConsultation: { input: callId.extend({ target }), output: z.object({ consultCallId: z.string() }) },
    completeTransfer: { input: callId.extend({ consultCallId: z.string().min(1).max(100) }), output: empty },
    cancelTransfer: { input: callId.extend({ consultCallId: z.string().min(1).max(100) }), output: empty },
    conference: { input: z.object({ callIdA: z.string().min(1).max(100), callIdB: z.string().min(1).max(100) }), output: empty },
  },
  events: {
    state: phoneStateSchema,
  },
});
