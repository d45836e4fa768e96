/**
 * A bare SIP party over UDP for driving Kamailio's dialog rules: it sends raw requests, answers a digest
 * challenge with auth_ephemeral credentials, keeps every message it receives, and can answer a request. No media.
 * Enough to set up a real call through the proxy and then see who may send what inside it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
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
  port: number;
  received: SipMessage[];
  send(lines: string[]): void;
  /** Waits for a received message that matches; null after `timeoutMs`. */
  next(match: (m: SipMessage) => boolean, timeoutMs?: number): Promise<SipMessage | null>;
  /** Sends a request; if challenged, again with credentials for `sipUser`. Resolves with the final response. */
  request(build: (cseq: number, auth: string[]) => string[], callId: string, method: string, ruri: string, sipUser: string): Promise<SipMessage | null>;
  /** Answers a received request with `status`, echoing its Via, Record-Route, From, To (tagged), Call-ID and CSeq. */
  reply(request: SipMessage, status: string, toTag: string, contactUser: string): void;
  close(): void;
}

export async function sipParty(opts: { proxyPort: number; secret: string }): Promise<SipParty> {
  const socket: Socket = createSocket('udp4');
  const received: SipMessage[] = [];
  socket.on('message', (data, from) => received.push(parse(data.toString('utf8'), from)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const send = (lines: string[]): void => {
    socket.send(lines.join('\r\n'), opts.proxyPort, '127.0.0.1');
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
    reply(request, status, toTag, contactUser) {
      const to = request.header('to');
      const lines = [
        `SIP/2.0 ${status}`,
        ...request.all('via').map((v) => `Via: ${v}`),
        ...request.all('record-route').map((r) => `Record-Route: ${r}`),
        `From: ${request.header('from')}`,
        `To: ${/;tag=/.test(to) ? to : `${to};tag=${toTag}`}`,
        `Call-ID: ${request.header('call-id')}`,
        `CSeq: ${request.header('cseq')}`,
        `Contact: <sip:${contactUser}@127.0.0.1:${port}>`,
        'Content-Length: 0',
        '',
        '',
      ];
      socket.send(lines.join('\r\n'), request.from.port, request.from.address);
    },
    close: () => socket.close(),
  };
}
