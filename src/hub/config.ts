import { noticeTemplatesSchema } from './notices/notice-templates';
import { z } from 'zod';
import { describeZodError } from '../shared/result';
import { sentimentTrackerConfigSchema } from '../shared/nlp/alerts/tracker-config';
import { escalationConfigSchema } from '../shared/nlp/escalation/escalation-config';
import { intentRoutingConfigSchema } from './insights/intent-routing-config';
import { complianceConfigSchema } from '../shared/nlp/compliance/compliance-check';
import { pbxSupervisionConfigSchema } from './supervision/pbx-dial';
import { hubLimitsSchema } from './http/limits';
import { isCountryCode } from './voice/phone-number';
import { surveyLanguageSchema } from '../shared/domain/survey';
import { botConfigSchema } from './bot/bot-config';
import { clusterConfigSchema } from './cluster/cluster-node';

export const hubConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7400),
  /**
   * HUB_TLS_CERT, HUB_TLS_KEY: PEM certificate (chain) and key; the hub then serves HTTPS and wss:// only, so Kamailio
   * (SB_HUB_URL https://…), desktops and the widget reach it over TLS.
   */
  tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  dataDir: z.string().min(1),
  demo: z.boolean().default(false),
  /** With the demo: the desk queues intent routing fills (logistics, returns, billing, product, account). */
  demoServiceQueues: z.boolean().default(false),
  /**
   * METRICS_TOKEN: a scraper of /metrics must send it as a bearer token. Unset: /metrics answers the hub's own
   * host (loopback) only.
   */
  metricsToken: z.string().min(16).optional(),
  /** Signs agent tokens; generated and kept in the data dir when not given. */
  tokenSecret: z.string().min(32).optional(),
  tokenTtlSeconds: z.number().int().positive().default(15 * 60),
  /** A sign-in's absolute lifetime: refreshing never carries it further; then the agent signs in again. */
  sessionMaxAgeSeconds: z.number().int().positive().default(12 * 3600),
  /**
   * ALLOWED_HOSTS: the names the hub answers to in the Host header, besides IP addresses and localhost. A web page
   * that rebinds its own DNS name to the hub's address is refused (421), so it cannot reach a hub on a private
   * network or on loopback.
   */
  allowedHosts: z.array(z.string().min(1).max(253)).default([]),
  offerTimeoutMs: z.number().int().positive().default(20_000),
  /** A call offer ends with the call's own events (answered, missed, ended); this closes one whose events never came. */
  callOfferTimeoutMs: z.number().int().positive().default(75_000),
  afterCallWorkMs: z.number().int().positive().default(30_000),
  /** A trunk call an agent transferred whose new call has not arrived by then returns to that agent. */
  transferArrivalMs: z.number().int().positive().default(60_000),
  overflowCheckMs: z.number().int().positive().default(1_000),
  /** EVENT_RETENTION_DAYS: events, their feed entries and idempotency records older than this are deleted (hourly). */
  eventRetentionDays: z.number().positive().default(30),
  maxBodyBytes: z.number().int().positive().default(2 * 1024 * 1024),
  /** Requests per minute per source address on each channel endpoint. */
  channelRateLimitPerMinute: z.number().int().positive().default(300),
  /**
   * TRUST_PROXY: the reverse proxies in front of the hub (addresses or CIDR ranges). Their X-Forwarded-For
   * names the client, whose address every per-address budget counts. Unset: the peer address.
   */
  trustProxy: z.array(z.string().min(1).max(64)).min(1).optional(),
  limits: hubLimitsSchema.prefault({}),
  /** What this instance shares with the other instances of a cluster (Redis); unset: a single process. */
  cluster: clusterConfigSchema.prefault({}),
  /**
   * WEBHOOK_SECRET_<PLATFORM>: one secret per e-commerce platform, so an integration can sign only as itself.
   * A platform without one answers 403.
   */
  webhookSecrets: z.record(z.string(), z.string().min(16)).default({}),
  /** EMAIL_WEBHOOK_SECRET: the inbound-mail service's own secret. Without it inbound email answers 403. */
  emailSecret: z.string().min(16).optional(),
  webhookOutboundUrls: z.record(z.string(), z.string().url()).default({}),
  /**
   * Replies to webhook platforms, WeChat and email are tried this many times in all, waiting baseDelayMs after the
   * first failure and twice as long after each next one (at most maxDelayMs), then shown to the agent as failed
   * (OUTBOUND_ATTEMPTS, OUTBOUND_RETRY_BASE_MS, OUTBOUND_RETRY_MAX_MS).
   */
  outboundRetry: z
    .object({
      attempts: z.number().int().min(1).max(50).default(8),
      baseDelayMs: z.number().int().positive().default(2_000),
      maxDelayMs: z.number().int().positive().default(10 * 60_000),
    })
    .prefault({}),
  /** WIDGET_IDENTITY_SECRET: lets the embedding website vouch for a visitor's phone or email. */
  widgetIdentitySecret: z.string().min(16).optional(),
  /** WIDGET_SITES_FILE: per-site widget welcome, pre-chat form and offline texts (channels/widget-sites.ts). */
  widgetSitesFile: z.string().optional(),
  /** WIDGET_CALL_SCRIPT: the widget's bundled call client (default: out/widget/widget-call.js beside this hub); without it, no "Call us". */
  widgetCallScript: z.string().min(1).optional(),
  wechat: z
    .object({
      token: z.string().min(3).max(32),
      appId: z.string().default(''),
      appSecret: z.string().default(''),
      apiBaseUrl: z.string().url().default('https://api.weixin.qq.com'),
      /** WECHAT_ENCODING_AES_KEY: the account's 43-character EncodingAESKey (compat and safe mode). */
      encodingAesKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'encodingAesKey: the 43-character EncodingAESKey from the WeChat console').optional(),
      /** WECHAT_MODE: plain (development only), compat or safe; default safe when an EncodingAESKey is set, else plain. */
      mode: z.enum(['plain', 'compat', 'safe']).optional(),
      /** WECHAT_WELCOME: a text sent back at once to a new follower. */
      welcome: z.string().min(1).max(600).optional(),
    })
    .refine((w) => (w.mode ?? 'plain') === 'plain' || (w.encodingAesKey && w.appId), 'WeChat compat and safe mode need WECHAT_APP_ID and WECHAT_ENCODING_AES_KEY')
    .optional(),
  email: z.object({ smtpUrl: z.string().optional(), from: z.string().default('Switchboard <support@switchboard.invalid>') }).default({
    from: 'Switchboard <support@switchboard.invalid>',
  }),
  /** Satisfaction surveys when a conversation an agent handled closes (surveys/). */
  surveys: z
    .object({
      /** SURVEYS=off: customers are not asked. */
      enabled: z.boolean().default(true),
      /** HUB_PUBLIC_URL: how customers reach this hub, for the links in survey mails (default: the hub's own address). */
      publicUrl: z.url().optional(),
      /** SURVEY_LINK_HOURS: how long a survey can be answered. */
      linkTtlHours: z.number().int().min(1).max(24 * 90).default(72),
      /** SURVEY_LANGUAGE: the language for a customer who wrote nothing to tell theirs by. */
      defaultLanguage: surveyLanguageSchema.default('zh-CN'),
    })
    .prefault({}),
  /**
   * The self-service bot in front of the queue (BOT_FILE, a JSON file; off by default): which channels and
   * queues it answers, its confidence threshold, when it hands off and when it closes as resolved (bot/bot-config.ts).
   */
  bot: botConfigSchema,
  /** Proactive order notices (notices/): a platform's order event becomes a templated message to the customer. */
  notices: z
    .object({
      /** NOTICE_TEMPLATES_FILE: templates per event type and language (JSON, checked at start); the shipped ones without it. */
      templatesFile: z.string().min(1).optional(),
      /** The templates themselves, for an embedding process; a file wins. */
      templates: noticeTemplatesSchema.optional(),
      /** NOTICE_REPLY_HOURS: a conversation the customer opens within this long after a notice is linked to its order. */
      replyWindowHours: z.number().int().min(1).max(24 * 30).default(72),
      /** NOTICE_LANGUAGE: the language for a customer who never wrote to the desk. */
      defaultLanguage: surveyLanguageSchema.default('zh-CN'),
    })
    .prefault({}),
  /** FCR_WINDOW_DAYS: a contact is resolved at first contact when the customer makes no new contact within this many days. */
  fcrWindowDays: z.number().int().min(1).max(90).default(7),
  /** Sentiment alert thresholds and hysteresis (window, cooldown, worsening margin); the tracker's defaults when absent. */
  sentimentAlerts: sentimentTrackerConfigSchema.optional(),
  /**
   * Escalation at once (ESCALATION_FILE, a JSON file): complaint-risk phrases per locale, the strongly-negative and
   * voice-agitation thresholds, the priority an escalated conversation gains while it waits.
   */
  escalation: escalationConfigSchema,
  /** Intent routing (ASSIST_FILE `intentRouting`): new conversations wait in the queue their first question asks for. */
  intentRouting: intentRoutingConfigSchema,
  /** Compliance before send (ASSIST_FILE `compliance`): forbidden phrases per locale, full ID and card numbers. */
  compliance: complianceConfigSchema,
  /**
   * Call supervision in PBX mode (SUPERVISION_PBX_DIAL, SUPERVISION_PBX_{MONITOR,WHISPER,BARGE}_DIGIT):
   * the supervisor's phone dials this template (`{ext}` = the agent's SIP user) and the PBX mixes.
   * Absent: the agent's desktop mixes (client-side mix).
   */
  supervisionPbx: pbxSupervisionConfigSchema.optional(),
  /** Telephony: shared with Kamailio (auth_ephemeral and the routing API). */
  sip: z
    .object({
      /** SIP_SECRET: Kamailio's auth_ephemeral key (SIP credentials are minted with it). */
      secret: z.string().min(16),
      /** SIP_API_SECRET: the routing API's header secret; by default derived from SIP_SECRET (sip/sip-api-secret.ts). */
      apiSecret: z.string().min(16).optional(),
      domain: z.string().regex(/^[A-Za-z0-9.-]+$/),
      wsUrl: z.string().regex(/^wss?:\/\/\S+$/),
      ttlSeconds: z.number().int().min(60).default(12 * 3600),
      /** SIP_DEFAULT_COUNTRY: whose numbering plan national numbers from the trunk follow (ISO 3166 code). */
      defaultCountry: z.string().refine(isCountryCode, 'defaultCountry: an ISO 3166 country code such as CN').default('CN'),
      /** SIP_DIDS: the trunk's dialled numbers and the queue each reaches, "NUMBER=QUEUE_ID,…". */
      dids: z.string().default(''),
      /** SIP_DTMF_LISTEN: host:port where rtpengine reports the keys callers press (its --dtmf-log-dest). */
      /** SIP_KAMAILIO_URL: Kamailio's HTTP control (its plain SIP TCP port), to continue or release waiting callers. */
      kamailioUrl: z.url().optional(),
      /** SIP_MAX_WAIT: the longest a caller waits, in seconds: "300" for every queue, or "voice=120,vip=60,300". */
      maxWait: z
        .string()
        .regex(/^\s*(?:[A-Za-z0-9_-]+=)?\d{1,5}\s*(?:,\s*(?:[A-Za-z0-9_-]+=)?\d{1,5}\s*)*$/, 'maxWait: seconds, or QUEUE=SECONDS,… with an optional default')
        .default('300'),
      /** SIP_RTPENGINE_NG: rtpengine's control socket (host:port): waiting callers hear prompts and hold music. */
      rtpengine: z
        .string()
        .regex(/^[^\s]+:\d{1,5}$/, 'rtpengine: host:port')
        .optional(),
      /** SIP_PROMPT_LANGUAGE: the language of the prompts waiting callers hear. */
      promptLanguage: z.enum(['en', 'zh-CN']).default('zh-CN'),
      /** SIP_PROMPTS_DIR: where the prompt files are, as rtpengine sees the path (default: resources/prompts). */
      promptsDir: z.string().min(1).optional(),
      dtmfListen: z
        .string()
        .regex(/^[^\s]+:\d{1,5}$/, 'dtmfListen: host:port')
        .optional(),
      /** SIP_RECORDING: each queue's recording policy, "never" for all, or "voice=always,vip=agent,never" (always|never|agent). */
      recordingPolicy: z
        .string()
        .regex(/^\s*(?:[A-Za-z0-9_-]+=)?(?:always|never|agent)\s*(?:,\s*(?:[A-Za-z0-9_-]+=)?(?:always|never|agent)\s*)*$/, 'recordingPolicy: always|never|agent, or QUEUE=POLICY,… with an optional default')
        .default('never'),
      /** SIP_RECORDING_DIR: rtpengine's --recording-dir (its pcap method), as the hub reads it; recording is off without it. */
      recordingDir: z.string().min(1).optional(),
      /** SIP_RECORDING_RETENTION_DAYS: recordings are deleted this many days after the call; 0 keeps them. */
      recordingRetentionDays: z.coerce.number().int().min(0).max(36_500).default(90),
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
