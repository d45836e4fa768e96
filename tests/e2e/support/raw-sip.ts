/**
 * Hand-made SIP requests over UDP from a chosen loopback address (127.0.0.2 stands for another
 * host): what a scanner, a broken carrier or a flood sends, which no well-behaved phone would.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

export interface RawSipTarget {
  host: string;
  port: number;
}

export class RawSipSender {
  private constructor(
    private readonly socket: Socket,
    readonly address: string,
    readonly port: number,
  ) {}

  static async bind(address: string): Promise<RawSipSender> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, address, () => resolve());
    });
    return new RawSipSender(socket, address, socket.address().port);
  }

  /** An INVITE (or `method`) to `user` at the target, with `body` as application/sdp when given. */
  request(target: RawSipTarget, method: string, user: string, body = '', callId = randomBytes(8).toString('hex')): string {
    const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
    const lines = [
      `${method} sip:${user}@${target.host}:${target.port} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:13700000000@${this.address}>;tag=${randomBytes(4).toString('hex')}`,
      `To: <sip:${user}@${target.host}>`,
      `Call-ID: ${callId}`,
      `CSeq: 1 ${method}`,
      `Contact: <sip:13700000000@${this.address}:${this.port}>`,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    return lines.join('\r\n');
  }

  send(target: RawSipTarget, message: string): void {
    this.socket.send(message, target.port, target.host);
  }

  /** Sends and resolves with the first final status (>= 200) for this Call-ID, or null after `timeoutMs`. */
  async ask(target: RawSipTarget, message: string, timeoutMs = 3000): Promise<number | null> {
    const callId = /Call-ID: (\S+)/.exec(message)?.[1];
    return new Promise((resolve) => {
      const onMessage = (data: Buffer): void => {
        const text = data.toString('utf8');
        const status = /^SIP\/2\.0 (\d{3})/.exec(text);
        if (!status || !text.includes(`Call-ID: ${callId}`) || Number(status[1]) < 200) return;
        done(Number(status[1]));
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      const done = (result: number | null): void => {
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        resolve(result);
      };
      this.socket.on('message', onMessage);
      this.send(target, message);
    });
  }

  /** Counts every final response this socket receives while `during` runs and for `settleMs` after. */
  async countAnswers(during: () => Promise<void>, settleMs = 500): Promise<number> {
    let count = 0;
    const onMessage = (data: Buffer): void => {
      if (/^SIP\/2\.0 [2-6]\d\d/.test(data.toString('utf8'))) count++;
    };
    this.socket.on('message', onMessage);
    await during();
    await new Promise((r) => setTimeout(r, settleMs));
    this.socket.off('message', onMessage);
    return count;
  }

  close(): void {
    this.socket.close();
  }
}

/** A well-formed audio offer of plain RTP with PCMU, from `address`. */
export function pcmuOffer(address: string, port = 40000): string {
  return ['v=0', `o=- 1 1 IN IP4 ${address}`, 's=-', `c=IN IP4 ${address}`, 't=0 0', `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
}
