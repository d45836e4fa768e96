import { parseArgs } from 'node:util';
import { createLogger } from '../shared/log';
import { channelSecretsFromEnv } from './channels/channel-secrets';
import { seedDemoDesk } from './demo/demo-desk';
import { startDemoTraffic } from './demo/demo-traffic';
import { startHub } from './server';

/**
 * `npm run hub -- --port N --data-dir DIR [--demo [--demo-desk] [--demo-traffic]]`. Prints one JSON line
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
  },
});

const log = createLogger('hub', (line) => process.stderr.write(`${line}\n`));
const dataDir = values['data-dir'];
if (!dataDir) {
  process.stderr.write('usage: npm run hub -- --port N --data-dir DIR [--demo [--demo-desk] [--demo-traffic]]\n');
  process.exit(2);
}

/** Channel and telephony secrets come from the environment, never from arguments that `ps` shows. */
const env = process.env;
try {
  const hub = await startHub(
    {
      host: values.host,
      port: Number(values.port),
      dataDir,
      demo: values.demo,
      tokenSecret: env.HUB_TOKEN_SECRET,
      offerTimeoutMs: values['offer-timeout-ms'] ? Number(values['offer-timeout-ms']) : undefined,
      ...channelSecretsFromEnv(env),
      widgetIdentitySecret: env.WIDGET_IDENTITY_SECRET,
      wechat: env.WECHAT_TOKEN
        ? { token: env.WECHAT_TOKEN, appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, apiBaseUrl: env.WECHAT_API_BASE }
        : undefined,
      email: { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM },
      supervisionPbx: env.SUPERVISION_PBX_DIAL
        ? {
            dialTemplate: env.SUPERVISION_PBX_DIAL,
            digits: { monitor: env.SUPERVISION_PBX_MONITOR_DIGIT, whisper: env.SUPERVISION_PBX_WHISPER_DIGIT, barge: env.SUPERVISION_PBX_BARGE_DIGIT },
          }
        : undefined,
      sip:
        env.SIP_SECRET && env.SIP_DOMAIN && env.SIP_WS_URL
          ? { secret: env.SIP_SECRET, domain: env.SIP_DOMAIN, wsUrl: env.SIP_WS_URL }
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
