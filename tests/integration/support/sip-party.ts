/**
 * A bare SIP party over UDP (or over a WebSocket, as a browser's phone connects) for driving Kamailio's dialog
 * rules: it sends raw requests, answers a digest challenge with auth_ephemeral credentials, keeps every message it
 * receives, and can answer a request. No media. Enough to set up a real call through the proxy and then see who
 * may send what inside it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import WebSocket from 'ws';
import { ephemeralPassword } from '../../../src/hub/sip/sip-credentials';

export interface SipMessage {
  text: string;
  startLine: string;
  from: RemoteInfo;
  /** All values of a header, in order (names case-insensitive). */
  all(name: string): string[];
  header(name: string): string;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
export const sipToken = (): string => randomBytes(6).toString('hex');

function parse(text: string, from: RemoteInfo): SipMessage {
  const [head = ''] = text.split('\r\n\r\n');
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const all = (name: string): string[] => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  return { text, startLine, from, all, header: (name) => all(name)[0] ?? '' };
}

export interface SipParty {
  /** The local UDP port (over a WebSocket: 0). */
  port: number;
  /** Where this party says it is, for Via and Contact: 127.0.0.1:PORT, or NAME.invalid over a WebSocket. */
  host: string;
  /** The Via transport: UDP, or WS. */
  transport: 'UDP' | 'WS';
  /** A Via header of a new request from this party. */
  via(): string;
  /** A Contact URI for `user` at this party. */
  contact(user: string): string;
  received: SipMessage[];
  send(lines: string[]): void;
  /** Waits for a received message that matches; null after `timeoutMs`. */
  next(match: (m: SipMessage) => boolean, timeoutMs?: number): Promise<SipMessage | null>;
  /** Sends a request; if challenged, again with credentials for `sipUser`. Resolves with the final response. */
  request(build: (cseq: number, auth: string[]) => string[], callId: string, method: string, ruri: string, sipUser: string): Promise<SipMessage | null>;
  /** Answers a received request with `status`, echoing its Via, Record-Route, From, To (tagged), Call-ID and CSeq; `body` is an SDP. */
  reply(request: SipMessage, status: string, toTag: string, contactUser: string, body?: string): void;
  close(): void;
}

/** Sends to the proxy, or answers whoever sent a message; received messages go to `onMessage`. */
interface Wire {
  port: number;
  host: string;
  send(text: string): void;
  replyTo(from: RemoteInfo, text: string): void;
  close(): void;
}

async function udpWire(proxyPort: number, onMessage: (text: string, from: RemoteInfo) => void): Promise<Wire> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (data, from) => onMessage(data.toString('utf8'), from));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  return {
    port,
    host: `127.0.0.1:${port}`,
    send: (text) => socket.send(text, proxyPort, '127.0.0.1'),
    replyTo: (from, text) => socket.send(text, from.port, from.address),
    close: () => socket.close(),
  };
}

/** One WebSocket to the proxy (subprotocol "sip", RFC 7118), as a browser's phone holds it. */
async function wsWire(wsPort: number, onMessage: (text: string, from: RemoteInfo) => void): Promise<Wire> {
  const socket = new WebSocket(`ws://127.0.0.1:${wsPort}`, 'sip');
  const from: RemoteInfo = { address: '127.0.0.1', family: 'IPv4', port: wsPort, size: 0 };
  socket.on('message', (data: Buffer) => onMessage(data.toString('utf8'), from));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    port: 0,
    host: `${sipToken()}.invalid`,
    send: (text) => socket.send(text),
    replyTo: (_from, text) => socket.send(text),
    close: () => socket.close(),
  };
}

export async function sipParty(opts: { proxyPort: number; secret: string; transport?: 'UDP' | 'WS' }): Promise<SipParty> {
  const received: SipMessage[] = [];
  const onMessage = (text: string, from: RemoteInfo): void => {
    received.push(parse(text, from));
  };
  const transport = opts.transport ?? 'UDP';
  const wire = transport === 'WS' ? await wsWire(opts.proxyPort, onMessage) : await udpWire(opts.proxyPort, onMessage);
  const { port, host } = wire;
  const contact = (user: string): string => (transport === 'WS' ? `sip:${user}@${host};transport=ws` : `sip:${user}@${host}`);
  const send = (lines: string[]): void => {
    wire.send(lines.join('\r\n'));
  };
  const next = async (match: (m: SipMessage) => boolean, timeoutMs = 3_000, fromIndex = 0): Promise<SipMessage | null> => {
    for (let waited = 0; waited <= timeoutMs; waited += 20) {
      const found = received.slice(fromIndex).find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    return null;
  };
  const finalFor = (callId: string, method: string) => (m: SipMessage) =>
    /^SIP\/2\.0 [2-6]\d\d/.test(m.startLine) && m.header('call-id') === callId && m.header('cseq').endsWith(method);

  return {
    port,
    host,
    transport,
    via: () => `Via: SIP/2.0/${transport} ${host};rport;branch=z9hG4bK${sipToken()}`,
    contact,
    received,
    send,
    next: (match, timeoutMs) => next(match, timeoutMs),
    async request(build, callId, method, ruri, sipUser) {
      let from = received.length;
      send(build(1, []));
      const first = await next(finalFor(callId, method), 3_000, from);
      if (!first || !/^SIP\/2\.0 40[17]/.test(first.startLine)) return first;
      const proxy = first.startLine.startsWith('SIP/2.0 407');
      const challenge = first.header(proxy ? 'proxy-authenticate' : 'www-authenticate');
      const field = (name: string): string => new RegExp(`${name}="?([^",]+)"?`).exec(challenge)?.[1] ?? '';
      const username = `${Math.floor(Date.now() / 1000) + 3600}:${sipUser}`;
      const ha1 = md5(`${username}:${field('realm')}:${ephemeralPassword(opts.secret, username)}`);
      const cnonce = sipToken();
      const response = md5(`${ha1}:${field('nonce')}:00000001:${cnonce}:auth:${md5(`${method}:${ruri}`)}`);
      const auth = `${proxy ? 'Proxy-Authorization' : 'Authorization'}: Digest username="${username}", realm="${field('realm')}", nonce="${field('nonce')}", uri="${ruri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}"`;
      from = received.length;
      send(build(2, [auth]));
      return next(finalFor(callId, method), 3_000, from);
    },
    reply(request, status, toTag, contactUser, body) {
      const to = request.header('to');
      const lines = [
        `SIP/2.0 ${status}`,
        ...request.all('via').map((v) => `Via: ${v}`),
        ...request.all('record-route').map((r) => `Record-Route: ${r}`),
        `From: ${request.header('from')}`,
        `To: ${/;tag=/.test(to) ? to : `${to};tag=${toTag}`}`,
        `Call-ID: ${request.header('call-id')}`,
        `CSeq: ${request.header('cseq')}`,
        `Contact: <${contact(contactUser)}>`,
        ...(body ? ['Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(body)}`, '', body] : ['Content-Length: 0', '', '']),
      ];
      wire.replyTo(request.from, lines.join('\r\n'));
    },
    close: () => wire.close(),
  };
}
