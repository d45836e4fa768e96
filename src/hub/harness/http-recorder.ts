import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An answer that changes with each call to its path (`n` counts from 1): a server that fails at first, say. */
export type AnswerFn = (n: number) => unknown;

/** A loopback HTTP server that records what the hub sends out and answers with a fixed reply per path (or one per call). */
export async function startHttpRecorder(answers: Record<string, unknown>) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.setHeader('content-type', 'application/json');
      const answer = answers[url.pathname];
      const n = requests.filter((r) => r.path === url.pathname).length;
      res.end(JSON.stringify((typeof answer === 'function' ? (answer as AnswerFn)(n) : answer) ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
