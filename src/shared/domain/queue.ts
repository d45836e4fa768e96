import { z } from 'zod';

export const queueSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** An agent needs every one of these skills to be offered this queue's contacts. */
  skills: z.array(z.string()),
  /** Service level: slaTarget (0–1) of contacts answered within slaSeconds. */
  slaSeconds: z.number().int().positive(),
  slaTarget: z.number().min(0).max(1),
  /** How long a customer may wait for the agent's next reply once answered; absent: DEFAULT_REPLY_SECONDS. */
  replySeconds: z.number().int().positive().optional(),
  /** The number callers dial, for voice queues. */
  number: z.string().nullable().optional(),
  /** Where a contact moves when it has waited overflowAfterSeconds here. */
  overflowQueue: z.string().nullable().optional(),
  overflowAfterSeconds: z.number().int().positive().nullable().optional(),
  /** Escalated contacts (complaint risk, anger) go first to agents with this skill, when one is free. */
  escalationSkill: z.string().nullable().optional(),
});
export type Queue = z.infer<typeof queueSchema>;

export const queueMetricsSchema = z.object({
  queue: z.string(),
  waiting: z.number().int().nonnegative(),
  /** Of those waiting, callers who hung up keeping their place (queued callbacks). */
  callbacks: z.number().int().nonnegative().optional(),
  /** Milliseconds the longest-waiting contact has waited; 0 when none. */
  longestWaitMs: z.number().nonnegative(),
  /** Share of contacts answered within the SLA, among those answered or abandoned in the window; null without any. */
  slaPercent: z.number().min(0).max(100).nullable(),
  slaTargetPercent: z.number().min(0).max(100),
  /**
   * The same formula over decided contacts only (answered or abandoned), leaving out those still
   * waiting past the target: what the queue's "below target" alert watches, since each such wait
   * already has its own alert. Absent from hubs before it.
   */
  slaDecidedPercent: z.number().min(0).max(100).nullable().optional(),
  /** Average speed of answer in milliseconds; null without answered contacts. */
  averageSpeedOfAnswerMs: z.number().nonnegative().nullable(),
  answered: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  abandonmentPercent: z.number().min(0).max(100).nullable(),
  availableAgents: z.number().int().nonnegative(),
  windowStart: z.number(),
});
export type QueueMetrics = z.infer<typeof queueMetricsSchema>;
