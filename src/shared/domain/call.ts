import { z } from 'zod';

/** How a call sounded, from WebRTC getStats: the phone grades it and keeps it on the call record. */
export const callQualityGrades = ['good', 'fair', 'poor'] as const;
export const callQualityGradeSchema = z.enum(callQualityGrades);
export type CallQualityGrade = z.infer<typeof callQualityGradeSchema>;

export const callQualitySchema = z.object({
  /** E-model estimate, 1 (bad) to 4.5 (best narrowband). */
  mos: z.number().min(1).max(5),
  grade: callQualityGradeSchema,
  jitterMs: z.number().nonnegative(),
  /** Packets lost as a percentage of packets expected, 0–100. */
  lossPct: z.number().min(0).max(100),
  /** Round-trip time; null until RTCP has measured one. */
  rttMs: z.number().nonnegative().nullable(),
  /** How many one-second samples the figures cover (the worst-graded second is what the record keeps). */
  samples: z.number().int().nonnegative(),
});
export type CallQuality = z.infer<typeof callQualitySchema>;

/** A queue's recording policy: every answered call, none, or when the agent starts it. */
export const recordingPolicies = ['always', 'never', 'agent'] as const;
export const recordingPolicySchema = z.enum(recordingPolicies);
export type RecordingPolicy = z.infer<typeof recordingPolicySchema>;

/** The recording under way on a call (rtpengine records; paused spans are silent in the file). */
export const liveRecordingSchema = z.object({
  id: z.string().max(64),
  state: z.enum(['recording', 'paused']),
  startedAt: z.number(),
  /** When the current pause began; null while recording. */
  pausedAt: z.number().nullable(),
});
export type LiveRecording = z.infer<typeof liveRecordingSchema>;

/** A finished recording of the call, playable by the assignee and supervisors until retention removes it. */
export const callRecordingSchema = z.object({
  id: z.string().max(64),
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
  /** Removed by the retention policy at this time. */
  expiresAt: z.number().nullable(),
});
export type CallRecording = z.infer<typeof callRecordingSchema>;

/**
 * A waiting caller pressed 1: they hung up keeping their place, and the agent the queue offers this
 * to calls them back (the callback's outbound call becomes this conversation's call).
 */
export const callbackRequestSchema = z.object({
  number: z.string().max(40),
  requestedAt: z.number(),
  /** When the agent's phone dialled the customer; null until then. */
  dialledAt: z.number().nullable(),
});
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;

/** What makes a voice conversation a call: carried on the conversation by the hub. */
export const callRecordSchema = z.object({
  /** The SIP Call-ID, the same at the customer, Kamailio and the agent's phone. */
  sipCallId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  /** The customer's number or SIP user. */
  caller: z.string(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Ended before anyone answered (the caller hung up or nobody picked up). */
  missed: z.boolean(),
  quality: callQualitySchema.nullable(),
  /** The call's queue policy when it was filed (absent on calls from before recording existed: never). */
  recordingPolicy: recordingPolicySchema.optional(),
  recording: liveRecordingSchema.nullable().optional(),
  recordings: z.array(callRecordingSchema).max(100).optional(),
  callback: callbackRequestSchema.nullable().optional(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;
