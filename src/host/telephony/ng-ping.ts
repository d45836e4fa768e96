import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/**
 * Whether rtpengine answers a `ping` on its ng control socket (a cookie, then the bencoded
 * dictionary {command: ping}; it answers {result: pong}). Enough to know it has started; the hub
 * has the full client for what it asks rtpengine to do.
 */
export function ngPing(host: string, port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const cookie = randomBytes(6).toString('hex');
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('message', (data) => {
      const text = data.toString('latin1');
      if (text.startsWith(`${cookie} `)) done(text.includes('6:result4:pong'));
    });
    socket.send(`${cookie} d7:command4:pinge`, port, host);
  });
}
