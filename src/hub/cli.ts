import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger } from '../shared/log';
import { channelSecretsFromEnv } from './channels/channel-secrets';
import { parseClusterStorage } from './cluster/cluster-storage';
import { seedDemoDesk } from './demo/demo-desk';
import { startDemoTraffic } from './demo/demo-traffic';
import { startHub } from './server';
import type { HubConfigInput } from './config';

/**
 * `npm run hub -- --port N --data-dir DIR [--demo [--demo-desk] [--demo-traffic]] [--database URL --redis URL]`. Prints one JSON line
 * `{"event":"listening","url":…}` on stdout when ready, so a parent process can wait for it.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7400' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    /** With --demo: a desk worth looking at (about thirty customers with histories), seeded once into an empty store. */
    'demo-desk': { type: 'boolean', default: false },
    /** With --demo: new chats arrive at a human pace while the hub runs. */
    'demo-traffic': { type: 'boolean', default: false },
    'offer-timeout-ms': { type: 'string' },
    'after-call-work-ms': { type: 'string' },
    'transfer-arrival-ms': { type: 'string' },
    /** A JSON file with any of the limits (src/hub/http/limits.ts), e.g. for a load test. */
    limits: { type: 'string' },
    /** One instance of a cluster: PostgreSQL (also DATABASE_URL) and Redis (also REDIS_URL), both or neither. */
    database: { type: 'string' },
    redis: { type: 'string' },
  },
});

// Everything the hub writes (databases, uploads, secrets) is for its own user only.
process.umask(0o077);
const log = createLogger('hub', (line) => process.stderr.write(`${line}\n`));
const cluster = parseClusterStorage({ database: values.database, redis: values.redis }, process.env);
if (!cluster.ok) {
  process.stderr.write(`hub: ${cluster.error.message}\n`);
  process.exit(2);
}
if (cluster.value) {
  // Never a silent fallback to SQLite: an operator who asked for a cluster must not get a lone instance.
  process.stderr.write(
    'hub: cluster storage is not available yet: this hub runs only on its embedded SQLite store; start it without --database/--redis (and unset DATABASE_URL/REDIS_URL)\n',
  );
  process.exit(2);
}
const dataDir = values['data-dir'];
if (!dataDir) {
  process.stderr.write('usage: npm run hub -- --port N --data-dir DIR [--demo [--demo-desk] [--demo-traffic]]\n');
  process.exit(2);
}

/** Channel and telephony secrets come from the environment, never from arguments that `ps` shows. */
const env = process.env;
/** A comma-separated setting as a list; absent or empty is none. */
const list = (value: string | undefined): string[] | undefined => {
  const items = value?.split(',').map((a) => a.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
};
/**
 * ASSIST_FILE: agent-assist settings in one JSON file, checked by the hub's config schema: `escalation`
 * (complaint-risk phrases per locale, thresholds, priority boost), `intentRouting`, `compliance`.
 */
const assist = env.ASSIST_FILE ? (JSON.parse(readFileSync(env.ASSIST_FILE, 'utf8')) as Partial<Record<'escalation' | 'intentRouting' | 'compliance', unknown>>) : {};
/** BOT_FILE: the self-service bot's settings (hub config `bot`, checked by its schema); without it the bot is off. */
const bot = env.BOT_FILE ? (JSON.parse(readFileSync(env.BOT_FILE, 'utf8')) as HubConfigInput['bot']) : undefined;
try {
  const hub = await startHub(
    {
      bot,
      escalation: assist.escalation as HubConfigInput['escalation'],
      intentRouting: assist.intentRouting as HubConfigInput['intentRouting'],
      compliance: assist.compliance as HubConfigInput['compliance'],
      host: values.host,
      tls: env.HUB_TLS_CERT || env.HUB_TLS_KEY ? { certFile: env.HUB_TLS_CERT ?? '', keyFile: env.HUB_TLS_KEY ?? '' } : undefined,
      port: Number(values.port),
      dataDir,
      demo: values.demo,
      demoServiceQueues: values['demo-desk'],
      tokenSecret: env.HUB_TOKEN_SECRET,
      metricsToken: env.METRICS_TOKEN,
      offerTimeoutMs: values['offer-timeout-ms'] ? Number(values['offer-timeout-ms']) : undefined,
      afterCallWorkMs: values['after-call-work-ms'] ? Number(values['after-call-work-ms']) : undefined,
      transferArrivalMs: values['transfer-arrival-ms'] ? Number(values['transfer-arrival-ms']) : undefined,
      eventRetentionDays: env.EVENT_RETENTION_DAYS ? Number(env.EVENT_RETENTION_DAYS) : undefined,
      outboundRetry: {
        attempts: env.OUTBOUND_ATTEMPTS ? Number(env.OUTBOUND_ATTEMPTS) : undefined,
        baseDelayMs: env.OUTBOUND_RETRY_BASE_MS ? Number(env.OUTBOUND_RETRY_BASE_MS) : undefined,
        maxDelayMs: env.OUTBOUND_RETRY_MAX_MS ? Number(env.OUTBOUND_RETRY_MAX_MS) : undefined,
      },
      limits: values.limits ? (JSON.parse(readFileSync(values.limits, 'utf8')) as HubConfigInput['limits']) : undefined,
      ...channelSecretsFromEnv(env),
      trustProxy: list(env.TRUST_PROXY),
      allowedHosts: list(env.ALLOWED_HOSTS),
      sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS ? Number(env.SESSION_MAX_AGE_SECONDS) : undefined,
      widgetIdentitySecret: env.WIDGET_IDENTITY_SECRET,
      widgetSitesFile: env.WIDGET_SITES_FILE,
      widgetCallScript: env.WIDGET_CALL_SCRIPT,
      wechat: env.WECHAT_TOKEN
        ? {
            token: env.WECHAT_TOKEN,
            appId: env.WECHAT_APP_ID,
            appSecret: env.WECHAT_APP_SECRET,
            apiBaseUrl: env.WECHAT_API_BASE,
            encodingAesKey: env.WECHAT_ENCODING_AES_KEY,
            mode: env.WECHAT_MODE as 'plain' | 'compat' | 'safe' | undefined, // checked by the config schema
            welcome: env.WECHAT_WELCOME,
          }
        : undefined,
      email: { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM },
      surveys: {
        enabled: env.SURVEYS !== 'off',
        publicUrl: env.HUB_PUBLIC_URL,
        linkTtlHours: env.SURVEY_LINK_HOURS ? Number(env.SURVEY_LINK_HOURS) : undefined,
        defaultLanguage: env.SURVEY_LANGUAGE as 'zh-CN' | 'zh-TW' | 'en' | undefined,
      },
      notices: {
        templatesFile: env.NOTICE_TEMPLATES_FILE,
        replyWindowHours: env.NOTICE_REPLY_HOURS ? Number(env.NOTICE_REPLY_HOURS) : undefined,
        defaultLanguage: env.NOTICE_LANGUAGE as 'zh-CN' | 'zh-TW' | 'en' | undefined, // checked by the config schema
      },
      fcrWindowDays: env.FCR_WINDOW_DAYS ? Number(env.FCR_WINDOW_DAYS) : undefined,
      supervisionPbx: env.SUPERVISION_PBX_DIAL
        ? {
            dialTemplate: env.SUPERVISION_PBX_DIAL,
            digits: { monitor: env.SUPERVISION_PBX_MONITOR_DIGIT, whisper: env.SUPERVISION_PBX_WHISPER_DIGIT, barge: env.SUPERVISION_PBX_BARGE_DIGIT },
          }
        : undefined,
      sip:
        env.SIP_SECRET && env.SIP_DOMAIN && env.SIP_WS_URL
          ? { secret: env.SIP_SECRET, apiSecret: env.SIP_API_SECRET, domain: env.SIP_DOMAIN, wsUrl: env.SIP_WS_URL, defaultCountry: env.SIP_DEFAULT_COUNTRY, dids: env.SIP_DIDS, dtmfListen: env.SIP_DTMF_LISTEN, kamailioUrl: env.SIP_KAMAILIO_URL, maxWait: env.SIP_MAX_WAIT, rtpengine: env.SIP_RTPENGINE_NG, promptLanguage: env.SIP_PROMPT_LANGUAGE as 'en' | 'zh-CN' | undefined, promptsDir: env.SIP_PROMPTS_DIR, recordingPolicy: env.SIP_RECORDING, recordingDir: env.SIP_RECORDING_DIR, recordingRetentionDays: env.SIP_RECORDING_RETENTION_DAYS }
          : undefined,
    },
    log,
  );
  if (values.demo && values['demo-desk'] && hub.store.conversationsByStatus('closed').length === 0) await seedDemoDesk(hub.store, log);
  const traffic = values.demo && values['demo-traffic'] ? startDemoTraffic({ store: hub.store, conversations: hub.conversations, log }) : null;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: hub.url, port: hub.port })}\n`);
  const stop = (): void => {
    traffic?.stop();
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (cause) {
  log.log('error', 'hub failed to start', { detail: cause instanceof Error ? cause.message : String(cause) });
  process.exit(1);
}
