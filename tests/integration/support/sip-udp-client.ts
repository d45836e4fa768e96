/**
 * A bare SIP user agent over UDP for testing Kamailio's rules: it sends one request, answers a
 * digest challenge with the given credentials, and resolves with the final response. No media,
 * no dialogs: enough to see what the proxy lets through and what it refuses.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

export interface SipResponse {
  status: number;
  reason: string;
  headers: Map<string, string>;
}

export interface SipUdpClient {
  /** Sends `method` to `target` (sip:USER@DOMAIN) as `from` (sip:USER@DOMAIN), authenticating once if challenged. */
  request(method: string, target: string, from: string, auth: { username: string; password: string }): Promise<SipResponse>;
  close(): void;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const token = (): string => randomBytes(8).toString('hex');

function parse(text: string): SipResponse | null {
  const [head = ''] = text.split('\r\n\r\n');
  const [start = '', ...lines] = head.split('\r\n');
  const match = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(start);
  if (!match) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(match[1]), reason: match[2]!, headers };
}

function digest(challenge: string, method: string, uri: string, auth: { username: string; password: string }): string {
  const field = (name: string): string => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
  const realm = field('realm');
  const nonce = field('nonce');
  const cnonce = token();
  const nc = '00000001';
  const ha1 = md5(`${auth.username}:${realm}:${auth.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${auth.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, cnonce="${cnonce}", nc=${nc}, qop=auth`;
}

export async function sipUdpClient(proxyPort: number): Promise<SipUdpClient> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const localPort = socket.address().port;
  const waiting = new Map<string, (response: SipResponse) => void>();
  socket.on('message', (data) => {
    const response = parse(data.toString('utf8'));
    const callId = response?.headers.get('call-id');
    if (!response || !callId || response.status < 200) return;
    waiting.get(callId)?.(response);
  });

  const send = (method: string, target: string, from: string, callId: string, fromTag: string, cseq: number, extra: string[]): Promise<SipResponse> => {
    const sdp = method === 'INVITE' ? 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n' : '';
    const lines = [
      `${method} ${target} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=z9hG4bK${token()};rport`,
      'Max-Forwards: 70',
      `From: <${from}>;tag=${fromTag}`,
      `To: <${method === 'REGISTER' ? from : target}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <sip:${from.slice(4, from.indexOf('@'))}@127.0.0.1:${localPort}>`,
      ...extra,
      ...(sdp ? ['Content-Type: application/sdp'] : method === 'MESSAGE' ? ['Content-Type: text/plain'] : []),
      `Content-Length: ${Buffer.byteLength(sdp || (method === 'MESSAGE' ? 'hi' : ''))}`,
      '',
      sdp || (method === 'MESSAGE' ? 'hi' : ''),
    ];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(callId);
        reject(new Error(`no final answer to ${method} ${target}`));
      }, 5_000);
      waiting.set(callId, (response) => {
        clearTimeout(timer);
        waiting.delete(callId);
        resolve(response);
      });
      socket.send(lines.join('\r\n'), proxyPort, '127.0.0.1');
    });
  };

  return {
    async request(method, target, from, auth) {
      const callId = `${token()}@test`;
      const fromTag = token();
      const first = await send(method, target, from, callId, fromTag, 1, []);
      if (first.status !== 401 && first.status !== 407) return first;
      const challenge = first.headers.get(first.status === 401 ? 'www-authenticate' : 'proxy-authenticate') ?? '';
      const header = first.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      // A non-2xx answer to an INVITE is acknowledged hop by hop; the retry is a new transaction.
      return send(method, target, from, callId, fromTag, 2, [`${header}: ${digest(challenge, method, target, auth)}`]);
    },
    close: () => socket.close(),
  };
}
