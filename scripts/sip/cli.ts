/**
 * `npm run sip`: a development Kamailio on loopback, in the foreground.
 * Environment (all optional):
 *   SIP_SECRET   shared with the hub (same variable the hub reads); random if unset
 *   SIP_DOMAIN   default switchboard.test
 *   SIP_WS_PORT  default 8088  (browsers connect to ws://127.0.0.1:SIP_WS_PORT)
 *   SIP_PORT     default 5070  (UDP/TCP)
 *   SIP_WSS_PORT also listen for wss:// here, with a self-signed certificate
 *                made at start (development only; needs kamailio-tls-modules)
 *   HUB_URL      default http://127.0.0.1:7400
 *   SIP_AGENT_PREFIX how agents' sipUsers begin (default agent-): only they
 *                may mark a call as a supervision leg
 *   KAMAILIO_LOG file to append Kamailio's log to (default: this terminal)
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { startKamailio } from './start-kamailio.js';

const env = z
  .object({
    SIP_SECRET: z.string().min(16).optional(),
    SIP_DOMAIN: z.string().default('switchboard.test'),
    SIP_WS_PORT: z.coerce.number().int().default(8088),
    SIP_PORT: z.coerce.number().int().default(5070),
    SIP_WSS_PORT: z.coerce.number().int().optional(),
    HUB_URL: z.string().default('http://127.0.0.1:7400'),
    SIP_AGENT_PREFIX: z.string().optional(),
    KAMAILIO_LOG: z.string().optional(),
  })
  .parse(process.env);

const secret = env.SIP_SECRET ?? randomBytes(24).toString('base64url');
const kamailio = await startKamailio({
  wsPort: env.SIP_WS_PORT,
  sipPort: env.SIP_PORT,
  hubUrl: env.HUB_URL,
  secret,
  domain: env.SIP_DOMAIN,
  logFile: env.KAMAILIO_LOG ?? '/dev/stderr',
  ...(env.SIP_WSS_PORT !== undefined ? { wssPort: env.SIP_WSS_PORT } : {}),
  ...(env.SIP_AGENT_PREFIX !== undefined ? { agentPrefix: env.SIP_AGENT_PREFIX } : {}),
});
const urls = [kamailio.wsUrl, kamailio.wssUrl].filter(Boolean).join(' and ');
console.log(`Kamailio is up: ${urls} (domain ${kamailio.domain}), asking ${env.HUB_URL}/sip/route`);
if (!env.SIP_SECRET) {
  console.log(`SIP_SECRET was not set; start the hub with:\n  SIP_SECRET=${secret} SIP_DOMAIN=${kamailio.domain} SIP_WS_URL=${kamailio.wsUrl} npm run hub`);
}
console.log('Ctrl-C stops it.');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void kamailio.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
