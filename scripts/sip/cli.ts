/**
 * `npm run sip`: a development Kamailio and rtpengine beside it, on loopback, in the foreground;
 * Ctrl-C stops both. Environment (all optional):
 *   SIP_SECRET   shared with the hub (same variable the hub reads); random if unset
 *   SIP_DOMAIN   default switchboard.test
 *   SIP_WS_PORT  default 8088  (browsers connect to ws://127.0.0.1:SIP_WS_PORT)
 *   SIP_PORT     default 5070  (UDP/TCP)
 *   SIP_WSS_PORT also listen for wss:// here, with a self-signed certificate
 *                made at start (development only; needs kamailio-tls-modules)
 *   HUB_URL      default http://127.0.0.1:7400
 *   SIP_AGENT_PREFIX how agents' sipUsers begin (default agent-): only they
 *                may mark a call as a supervision leg, and only they dial out
 *   SIP_TRUNK_PORT    carrier trunk listener, UDP and TCP (default 5080)
 *   SIP_TRUNK_ADDRESS its address (default 127.0.0.1)
 *   SIP_TRUNK_ALLOW   carrier addresses trusted on it, CIDRs, comma-separated (default 127.0.0.1/32)
 *   SIP_TRUNK_GATEWAY outbound gateways, sip:IP:PORT, comma-separated, tried in order
 *   SIP_CALLER_ID     the site's caller ID on outbound calls
 *   RTPENGINE_NG_PORT      rtpengine's control port (default 2223)
 *   RTPENGINE_INTERFACE    the address media flows on (default 127.0.0.1)
 *   RTPENGINE_PORT_MIN/MAX its media port range (default 30000-30999)
 *   SIP_WORKERS       Kamailio's worker processes per listener (default 2)
 *   SIP_DTMF_LISTEN   host:port where the hub listens for the keys callers press (the hub reads
 *                     the same variable); rtpengine reports them there
 *   RTPENGINE_RECORDING_DIR where rtpengine records calls (pcap); the hub's SIP_RECORDING_DIR
 *   KAMAILIO_LOG / RTPENGINE_LOG files to append their logs to (default: this terminal)
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { startSipStack } from '../../src/host/telephony/start-sip-stack';

const list = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const env = z
  .object({
    SIP_SECRET: z.string().min(16).optional(),
    SIP_DOMAIN: z.string().default('switchboard.test'),
    SIP_WS_PORT: z.coerce.number().int().default(8088),
    SIP_PORT: z.coerce.number().int().default(5070),
    SIP_WSS_PORT: z.coerce.number().int().optional(),
    HUB_URL: z.string().default('http://127.0.0.1:7400'),
    SIP_AGENT_PREFIX: z.string().optional(),
    SIP_TRUNK_PORT: z.coerce.number().int().default(5080),
    SIP_TRUNK_ADDRESS: z.string().default('127.0.0.1'),
    SIP_TRUNK_ALLOW: list.default(['127.0.0.1/32']),
    SIP_TRUNK_GATEWAY: list.default([]),
    SIP_CALLER_ID: z.string().optional(),
    RTPENGINE_NG_PORT: z.coerce.number().int().default(2223),
    RTPENGINE_INTERFACE: z.string().default('127.0.0.1'),
    RTPENGINE_PORT_MIN: z.coerce.number().int().default(30000),
    RTPENGINE_PORT_MAX: z.coerce.number().int().default(30999),
    SIP_DTMF_LISTEN: z.string().optional(),
    RTPENGINE_RECORDING_DIR: z.string().min(1).optional(),
    SIP_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
    KAMAILIO_LOG: z.string().optional(),
    RTPENGINE_LOG: z.string().optional(),
  })
  .parse(process.env);

const secret = env.SIP_SECRET ?? randomBytes(24).toString('base64url');
const stack = await startSipStack({
  wsPort: env.SIP_WS_PORT,
  sipPort: env.SIP_PORT,
  hubUrl: env.HUB_URL,
  secret,
  domain: env.SIP_DOMAIN,
  logFile: env.KAMAILIO_LOG ?? '/dev/stderr',
  workers: env.SIP_WORKERS,
  ...(env.SIP_WSS_PORT !== undefined ? { wssPort: env.SIP_WSS_PORT } : {}),
  ...(env.SIP_AGENT_PREFIX !== undefined ? { agentPrefix: env.SIP_AGENT_PREFIX } : {}),
  trunk: {
    port: env.SIP_TRUNK_PORT,
    address: env.SIP_TRUNK_ADDRESS,
    allow: env.SIP_TRUNK_ALLOW,
    gateways: env.SIP_TRUNK_GATEWAY,
    ...(env.SIP_CALLER_ID ? { callerId: env.SIP_CALLER_ID } : {}),
  },
  rtpengine: {
    ngPort: env.RTPENGINE_NG_PORT,
    interface: env.RTPENGINE_INTERFACE,
    portMin: env.RTPENGINE_PORT_MIN,
    portMax: env.RTPENGINE_PORT_MAX,
    ...(env.SIP_DTMF_LISTEN ? { dtmfLogDest: env.SIP_DTMF_LISTEN } : {}),
    ...(env.RTPENGINE_RECORDING_DIR ? { recordingDir: env.RTPENGINE_RECORDING_DIR } : {}),
    logFile: env.RTPENGINE_LOG ?? '/dev/stderr',
  },
});
const { kamailio } = stack;
const urls = [kamailio.wsUrl, kamailio.wssUrl].filter(Boolean).join(' and ');
console.log(`Kamailio is up: ${urls} (domain ${kamailio.domain}), asking ${env.HUB_URL}/sip/route`);
console.log(`Carrier trunk: ${stack.trunkUri} (trusting ${env.SIP_TRUNK_ALLOW.join(', ')}); outbound gateways: ${env.SIP_TRUNK_GATEWAY.join(', ') || 'none'}`);
console.log(`rtpengine: control ${stack.rtpengine.ngAddress}, media on ${stack.rtpengine.interface} ports ${stack.rtpengine.portMin}-${stack.rtpengine.portMax}`);
if (!env.SIP_SECRET) {
  console.log(`SIP_SECRET was not set; start the hub with:\n  SIP_SECRET=${secret} SIP_DOMAIN=${kamailio.domain} SIP_WS_URL=${kamailio.wsUrl} npm run hub`);
}
console.log('Ctrl-C stops both.');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
