import { z } from 'zod';
import { describeZodError } from '../shared/result';
import { sentimentTrackerConfigSchema } from '../shared/nlp/alerts/tracker-config';
import { pbxSupervisionConfigSchema } from './supervision/pbx-dial';

export const hubConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7400),
  dataDir: z.string().min(1),
  demo: z.boolean().default(false),
  /** Signs agent tokens; generated and kept in the data dir when not given. */
  tokenSecret: z.string().min(32).optional(),
  tokenTtlSeconds: z.number().int().positive().default(15 * 60),
  offerTimeoutMs: z.number().int().positive().default(20_000),
  afterCallWorkMs: z.number().int().positive().default(30_000),
  overflowCheckMs: z.number().int().positive().default(1_000),
  maxBodyBytes: z.number().int().positive().default(2 * 1024 * 1024),
  /** Requests per minute per source address on each channel endpoint. */
  channelRateLimitPerMinute: z.number().int().positive().default(300),
  /**
   * WEBHOOK_SECRET_<PLATFORM>: one secret per e-commerce platform, so an integration can sign only as itself.
   * A platform without one answers 403.
   */
  webhookSecrets: z.record(z.string(), z.string().min(16)).default({}),
  /** EMAIL_WEBHOOK_SECRET: the inbound-mail service's own secret. Without it inbound email answers 403. */
  emailSecret: z.string().min(16).optional(),
  webhookOutboundUrls: z.record(z.string(), z.string().url()).default({}),
  /** WIDGET_IDENTITY_SECRET: lets the embedding website vouch for a visitor's phone or email. */
  widgetIdentitySecret: z.string().min(16).optional(),
  wechat: z
    .object({
      token: z.string().min(3).max(32),
      appId: z.string().default(''),
      appSecret: z.string().default(''),
      apiBaseUrl: z.string().url().default('https://api.weixin.qq.com'),
    })
    .optional(),
  email: z.object({ smtpUrl: z.string().optional(), from: z.string().default('Switchboard <support@switchboard.invalid>') }).default({
    from: 'Switchboard <support@switchboard.invalid>',
  }),
  /** Sentiment alert thresholds and hysteresis (window, cooldown, worsening margin); the tracker's defaults when absent. */
  sentimentAlerts: sentimentTrackerConfigSchema.optional(),
  /**
   * Call supervision in PBX mode (SUPERVISION_PBX_DIAL, SUPERVISION_PBX_{MONITOR,WHISPER,BARGE}_DIGIT):
   * the supervisor's phone dials this template (`{ext}` = the agent's SIP user) and the PBX mixes.
   * Absent: the agent's desktop mixes (client-side mix).
   */
  supervisionPbx: pbxSupervisionConfigSchema.optional(),
  /** Telephony: shared with Kamailio (auth_ephemeral and the routing API). */
  sip: z
    .object({
      secret: z.string().min(16),
      domain: z.string().regex(/^[A-Za-z0-9.-]+$/),
      wsUrl: z.string().regex(/^wss?:\/\/\S+$/),
      ttlSeconds: z.number().int().min(60).default(12 * 3600),
    })
    .optional(),
});
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;

/** Parses the hub's settings; a bad one fails the start with one line that names the setting. */
export function parseHubConfig(input: HubConfigInput): HubConfig {
  const parsed = hubConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid hub configuration: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
