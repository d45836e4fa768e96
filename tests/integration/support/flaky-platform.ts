import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlatformDelivery {
  messageId: string;
  userId: string;
  text: string;
  /** What the platform answered this try. */
  status: number;
  signature: string | undefined;
}

/**
 * An e-commerce platform's reply endpoint on loopback that is down for its first `failures` tries
 * (503), then takes replies (200). It records every try, and which replies it took.
 */
export async function startFlakyPlatform(failures: number) {
  const tries: PlatformDelivery[] = [];
  let failuresLeft = failures;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messageId: string; userId: string; text: string };
      const status = failuresLeft > 0 ? 503 : 200;
      if (failuresLeft > 0) failuresLeft -= 1;
      const signature = req.headers['x-switchboard-signature'];
      tries.push({ messageId: body.messageId, userId: body.userId, text: body.text, status, signature: typeof signature === 'string' ? signature : undefined });
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(status === 200 ? { ok: true } : { error: 'try again later' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/reply`,
    tries,
    /** The replies the platform took (answered 200). */
    delivered: () => tries.filter((t) => t.status === 200),
    /** Down again for the next `n` tries. */
    failNext(n: number) {
      failuresLeft = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
